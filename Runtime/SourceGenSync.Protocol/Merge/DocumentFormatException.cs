using System;

namespace SourceGenSync.Merge;

/// <summary>
/// The bytes given to <see cref="ObjectDocumentSerializer.Deserialize(ReadOnlySpan{byte})"/> are not a document in
/// the shape docs/merge-rules.md describes. <see cref="Offset"/> is the byte offset where reading stopped.
/// </summary>
public sealed class DocumentFormatException : FormatException
{
    public DocumentFormatException(string message, long offset, Exception? innerException = null)
        : base($"{message} (at byte {offset})", innerException)
    {
        Offset = offset;
    }

    public long Offset { get; }
}
