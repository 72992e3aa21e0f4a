using System;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// A query the server will not evaluate: a construct outside the supported subset (docs/permissions.md), an unknown
/// property, or a value whose type cannot be compared with the property's. The message names the property.
/// </summary>
internal sealed class QueryRejectedException : Exception
{
    public QueryRejectedException(string message)
        : base(message)
    {
    }
}
