using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Hosting;

/// <summary>TLS is ordinary Kestrel configuration (docs/server.md, "TLS"); HTTP/2 is negotiated with ALPN.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task A_Kestrel_https_endpoint_from_configuration_serves_grpc_over_tls()
    {
        await using var server = await TlsServer.StartAsync();
        var address = new Uri(Assert.Single(server.App.Urls));
        Assert.Equal("https", address.Scheme);

        // Trust exactly this certificate, nothing else.
        var thumbprint = server.Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint,
            },
        };
        using var channel = new GrpcHttpChannel(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpHandler = true });
        var tokens = await new AuthClient(channel.CreateCallInvoker()).LogInAnonymousAsync();

        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
        Assert.Equal("anonymous", tokens.Provider);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_gets_unavailable()
    {
        await using var server = await TlsServer.StartAsync();
        using var channel = new GrpcHttpChannel(new Uri(server.App.Urls.Single()));

        var error = await Assert.ThrowsAsync<RpcException>(() => new AuthClient(channel.CreateCallInvoker()).LogInAnonymousAsync());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    /// <summary>The server with only an HTTPS endpoint from Kestrel configuration, on a fresh self-signed certificate.</summary>
    private sealed class TlsServer : IAsyncDisposable
    {
        private readonly string _folder;

        private TlsServer(Microsoft.AspNetCore.Builder.WebApplication app, X509Certificate2 certificate, string folder)
        {
            App = app;
            Certificate = certificate;
            _folder = folder;
        }

        public Microsoft.AspNetCore.Builder.WebApplication App { get; }

        public X509Certificate2 Certificate { get; }

        public static async Task<TlsServer> StartAsync()
        {
            var folder = TestServer.NewDataPath();
            Directory.CreateDirectory(folder);
            var certificate = CreateSelfSignedCertificate();
            var pfx = Path.Combine(folder, "server.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
            var app = await SyncServerHost.BuildAsync(
            [
                "--data", Path.Combine(folder, "data"),
                "--Server:PasswordIterations=1000",
                "--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
                "--Kestrel:Endpoints:Https:Certificate:Path=" + pfx,
                "--Kestrel:Endpoints:Https:Certificate:Password=test-password",
            ]);
            await app.StartAsync();
            return new TlsServer(app, certificate, folder);
        }

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            Certificate.Dispose();
            TestServer.DeleteFolder(_folder);
        }
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
