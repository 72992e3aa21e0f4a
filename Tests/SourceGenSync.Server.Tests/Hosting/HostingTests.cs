using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Healthz_answers_ok_over_http2()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.GetAsync(new Uri(server.Address, "/healthz"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", body, StringComparison.Ordinal);
        Assert.Contains("\"protocolVersion\":1", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_loopback_port_5280_and_sgs_data_in_development_mode()
    {
        var configuration = Configure([]);
        var options = ServerConfiguration.Options(configuration);

        Assert.False(ServerConfiguration.HasUrls(configuration));
        Assert.Equal("http://127.0.0.1:5280", ServerConfiguration.DefaultUrls);
        Assert.Equal(Path.GetFullPath("./sgs-data"), options.DataPath);
        Assert.True(options.DevelopmentMode);
        Assert.Equal(600_000, options.PasswordIterations);
        Assert.Equal(TimeSpan.FromDays(30), options.ClientMaxOfflineTime);
    }

    [Fact]
    public void A_json_file_sets_options_and_the_command_line_overrides_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sgs-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "Server": { "DevelopmentMode": false, "PasswordIterations": 1234, "ClientMaxOfflineTime": "7.00:00:00" } }""");
        try
        {
            var options = ServerConfiguration.Options(Configure(["--config", file, "--Server:PasswordIterations=99", "--data", "/tmp/sgs-x"]));

            Assert.False(options.DevelopmentMode);
            Assert.Equal(99, options.PasswordIterations);
            Assert.Equal(TimeSpan.FromDays(7), options.ClientMaxOfflineTime);
            Assert.Equal("/tmp/sgs-x", options.DataPath);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_appsettings_file_in_the_data_folder_is_read()
    {
        var data = TestServer.NewDataPath();
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "appsettings.json"), """{ "Server": { "AllowAnonymous": false } }""");
        try
        {
            Assert.False(ServerConfiguration.Options(Configure(["--data", data])).AllowAnonymous);
        }
        finally
        {
            TestServer.DeleteFolder(data);
        }
    }

    [Fact]
    public void Out_of_range_options_fail_at_start_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServerConfiguration.Options(Configure(["--Server:PasswordIterations=0"])));

        Assert.Contains("PasswordIterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signing_key_is_kept_so_tokens_survive_a_restart()
    {
        var data = TestServer.NewDataPath();
        try
        {
            string token;
            await using (var first = await TestServer.StartOnAsync(data))
            {
                token = (await new AuthClient(first.Invoker).LogInAnonymousAsync()).AccessToken;
            }

            await using var second = await TestServer.StartOnAsync(data);
            var (identity, _, _) = await second.Service<SourceGenSync.Server.Auth.TokenService>().ValidateAsync(token);
            Assert.NotNull(identity);
        }
        finally
        {
            TestServer.DeleteFolder(data);
        }
    }

    [Fact]
    public async Task Metrics_count_sessions_and_integrated_changesets()
    {
        await using var server = await TestServer.StartAsync();
        var measurements = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this server's meter: other test servers in the process publish the same meter name.
            if (instrument.Meter.Name == ServerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, server.Service<IMeterFactory>()))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements[instrument.Name] = measurements.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        await using (var client = await RawSyncClient.BindAsync(server.Invoker, (await new AuthClient(server.Invoker).LogInAnonymousAsync()).AccessToken, "metrics"))
        {
            await client.WaitForAckAsync(await client.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "A"), v => TestSchema.SetName(v, 1, "B")));
        }

        lock (measurements)
        {
            Assert.True(measurements.GetValueOrDefault("sgs.sessions.started") >= 1);
            Assert.Equal(2, measurements.GetValueOrDefault("sgs.changesets.integrated"));
            Assert.True(measurements.GetValueOrDefault("sgs.bytes.uploaded") > 0);
        }
    }

    private static ConfigurationManager Configure(string[] args)
    {
        var configuration = new ConfigurationManager();
        ServerConfiguration.AddSources(configuration, args);
        return configuration;
    }
}
