using System;
using FsCheck;
using FsCheck.Fluent;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Tests.Merge.Simulation;

namespace SourceGenSync.Protocol.Tests.Merge;

public sealed class DocumentInstructionsTests
{
    [Fact]
    public void Recreated_documents_equal_the_originals_and_survive_the_changeset_codec()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), seed =>
        {
            var operations = new RandomOperations(new Random(seed));
            var original = new InMemoryDocumentSource();
            for (var i = 0; i < 30; i++)
            {
                operations.Transaction(original);
            }

            var rebuilt = new InMemoryDocumentSource();
            foreach (var (key, document) in original.Documents)
            {
                var changeset = new Changeset(1, 1, DocumentInstructions.Recreate(key.Class, key.PrimaryKey, document));
                var decoded = ChangesetCodec.Decode(ChangesetCodec.Encode(changeset));
                Assert.Equal(new ApplyResult(decoded.Instructions.Count, 0), InstructionApplier.Apply(decoded, rebuilt));
            }

            return original.Equals(rebuilt) ? true : throw new InvalidOperationException($"seed {seed}:\n{original.Dump()}---\n{rebuilt.Dump()}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }
}
