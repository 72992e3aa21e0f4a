using System.ComponentModel;

namespace SourceGenSync.Internal;

/// <summary>Lets a <see cref="RealmInteger{T}"/> increment the property it was read from.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ICounterOwner
{
    /// <summary>Adds <paramref name="delta"/> to the counter property and returns its new value.</summary>
    long IncrementCounter(int index, long delta);
}
