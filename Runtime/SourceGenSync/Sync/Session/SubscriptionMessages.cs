using SourceGenSync.Internal.Sync.Subscriptions;
using SourceGenSync.Queries;

namespace SourceGenSync.Sync;

/// <summary>Stored subscription sets as protocol messages (docs/protocol.md §11.1).</summary>
internal static class SubscriptionMessages
{
    public static Protocol.Sync.SubscriptionSet ToProtocol(StoredSubscriptionSet set)
    {
        var message = new Protocol.Sync.SubscriptionSet { Version = set.Version };
        foreach (var subscription in set.Subscriptions)
        {
            var item = new Protocol.Sync.Subscription
            {
                Name = subscription.Name ?? "",
                ClassName = subscription.ClassName,
                Query = subscription.QueryText,
            };
            foreach (var argument in subscription.Arguments)
            {
                item.Arguments.Add(QueryValues.ToProto(argument));
            }

            message.Subscriptions.Add(item);
        }

        return message;
    }
}
