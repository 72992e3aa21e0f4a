using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Hosting;

/// <summary><c>GET /healthz</c>: 200 with <c>{"status":"ok",…}</c> when the store answers, 503 otherwise.</summary>
internal static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints, ISyncStore store)
    {
        endpoints.MapGet("/healthz", async (HttpContext context) =>
        {
            try
            {
                var realms = await store.ListRealmsAsync(context.RequestAborted).ConfigureAwait(false);
                return Results.Json(new HealthReport("ok", realms.Count, Sync.SyncSession.ProtocolVersion), HealthJsonContext.Default.HealthReport);
            }
            catch (Microsoft.Data.Sqlite.SqliteException exception)
            {
                return Results.Json(new HealthReport("unavailable: " + exception.SqliteErrorCode, 0, Sync.SyncSession.ProtocolVersion), HealthJsonContext.Default.HealthReport, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return endpoints;
    }
}

internal sealed record HealthReport(string Status, int Realms, uint ProtocolVersion);

[System.Text.Json.Serialization.JsonSerializable(typeof(HealthReport))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class HealthJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
