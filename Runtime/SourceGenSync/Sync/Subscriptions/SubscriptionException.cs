using System;

namespace SourceGenSync.Sync;

/// <summary>The server refused a subscription set; the message is the server's (a query it cannot run, a permission).</summary>
public sealed class SubscriptionException : Exception
{
    public SubscriptionException()
        : base("The server refused the subscription set.")
    {
    }

    public SubscriptionException(string message)
        : base(message)
    {
    }

    public SubscriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
