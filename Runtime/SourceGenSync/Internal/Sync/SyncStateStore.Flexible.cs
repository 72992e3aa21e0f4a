using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Sync.Subscriptions;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Sync;

// Flexible sync (docs/protocol.md §11): the view changes a download batch carries, and the subscription sets the
// session sends and completes.
internal sealed partial class SyncStateStore
{
    /// <summary>The latest subscription set and the latest one the server completed (null: none).</summary>
    public (StoredSubscriptionSet? Latest, StoredSubscriptionSet? Complete) ReadSubscriptionSets()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return (SubscriptionTables.ReadLatest(_connection), SubscriptionTables.ReadLatestComplete(_connection));
        }
    }

    /// <summary>
    /// The initial empty set (version 0) selects nothing, so it is complete as soon as the server is reachable;
    /// returns true when this marked it (then signal the state change).
    /// </summary>
    public bool CompleteInitialSet()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return InTransaction(() =>
            {
                if (SubscriptionTables.ReadLatest(_connection) is not { Version: 0, State: SourceGenSync.Sync.SubscriptionSetState.Pending })
                {
                    return false;
                }

                SubscriptionTables.MarkComplete(_connection, 0);
                return true;
            });
        }
    }

    /// <summary>The latest subscription set (null: none), for UpdateSubscriptions.</summary>
    public StoredSubscriptionSet? ReadLatestSubscriptionSet()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return SubscriptionTables.ReadLatest(_connection);
        }
    }

    /// <summary>The server refused subscription set <paramref name="version"/>: its state becomes Error.</summary>
    public void MarkSubscriptionError(long version, string message)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            InTransaction(() => SubscriptionTables.MarkError(_connection, version, message));
        }
    }

    /// <summary>
    /// Applies a batch's removals and snapshots, before its history (the server never sends both for one object).
    /// A removal takes an object that left the view out of the file; it is not a deletion and is never uploaded.
    /// A snapshot replaces the local object with the server's state; this file's changes the server has not
    /// integrated yet are applied again on top, as the server will apply them. Both are appended to the change log
    /// as downloaded changesets, so every realm instance refreshes. Returns the number of log entries appended.
    /// </summary>
    private int ApplyViewChanges(IReadOnlyList<Download> batch, List<LocalChange> local, ref long logVersion)
    {
        var appended = 0;
        var applied = new List<Instruction>();

        // Snapshots are the state at the batch's server version, which includes this file's changes up to the
        // batch's ack: only later ones are applied again.
        var ack = batch.Count == 0 ? 0 : batch.Max(static m => m.UploadAck);
        foreach (var message in batch)
        {
            var origin = new DownloadChangeset { ServerVersion = message.ServerVersion };
            if (!message.Removals.IsEmpty)
            {
                applied.Clear();
                Applier.Apply(ChangesetCodec.Decode(message.Removals.Span).Instructions, applied);
                if (applied.Count > 0)
                {
                    AppendToLog(++logVersion, [.. applied], origin);
                    appended++;
                }
            }

            if (!message.Snapshots.IsEmpty)
            {
                var instructions = new List<Instruction>();
                foreach (var (target, state) in ByObject(ChangesetCodec.Decode(message.Snapshots.Span).Instructions))
                {
                    instructions.AddRange(Applier.Exists(target) ? ReplaceInPlace(target, state) : state);
                    foreach (var change in local.Where(c => c.ClientVersion > ack))
                    {
                        instructions.AddRange(change.Current.Changeset.Instructions.Where(i => SameObject(i.Object, target)));
                    }
                }

                applied.Clear();
                Applier.Apply(instructions, applied);
                if (applied.Count > 0)
                {
                    AppendToLog(++logVersion, [.. applied], origin);
                    appended++;
                }
            }
        }

        return appended;
    }

    // Snapshots list each object as CreateObject followed by its fields (protocol §7's synthetic form).
    private static IEnumerable<(ObjectRef Target, List<Instruction> State)> ByObject(IReadOnlyList<Instruction> instructions)
    {
        List<Instruction>? current = null;
        ObjectRef target = default;
        foreach (var instruction in instructions)
        {
            if (instruction is CreateObject create)
            {
                if (current is not null)
                {
                    yield return (target, current);
                }

                (target, current) = (create.Object, [create]);
            }
            else
            {
                current?.Add(instruction);
            }
        }

        if (current is not null)
        {
            yield return (target, current);
        }
    }

    private static bool SameObject(in ObjectRef instruction, in ObjectRef target) =>
        instruction.Class == target.Class && instruction.PrimaryKey.Equals(target.PrimaryKey);

    /// <summary>
    /// The server's state over an existing object without erasing it (live objects stay valid): collections are
    /// cleared, nullable fields the snapshot leaves out become null, then the snapshot's fields are set.
    /// </summary>
    private List<Instruction> ReplaceInPlace(ObjectRef target, List<Instruction> state)
    {
        var result = new List<Instruction>();
        if (target.Class is not null && _layout.TryGetTable(target.Class, out var table))
        {
            var set = state.OfType<SetField>().Where(static s => s.Object.Path.IsDefaultOrEmpty).Select(static s => s.Field).ToHashSet(System.StringComparer.Ordinal);
            foreach (var property in table.Schema.Properties)
            {
                if (property.IsComputed || property.IsPrimaryKey)
                {
                    continue;
                }

                if (property.Collection != CollectionKind.None)
                {
                    result.Add(new CollectionClear(target, property.MappedName));
                }
                else if ((property.IsNullable || property.Type is PropertyType.Object or PropertyType.RealmValue) && !set.Contains(property.MappedName))
                {
                    result.Add(new SetField(target, property.MappedName, Payload.Of(RealmValue.Null)));
                }
            }
        }

        result.AddRange(state.Where(static i => i is not CreateObject));
        return result;
    }
}
