using System;

namespace SourceGenSync.Sync;

/// <summary>An IObservable over a subscribe function (no Rx dependency): each subscription gets its own registration.</summary>
internal sealed class DelegateObservable<T> : IObservable<T>
{
    private readonly Func<IObserver<T>, IDisposable> _subscribe;

    public DelegateObservable(Func<IObserver<T>, IDisposable> subscribe) => _subscribe = subscribe;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return _subscribe(observer);
    }
}

internal sealed class ActionDisposable : IDisposable
{
    private Action? _action;

    public ActionDisposable(Action action) => _action = action;

    public void Dispose() => System.Threading.Interlocked.Exchange(ref _action, null)?.Invoke();
}
