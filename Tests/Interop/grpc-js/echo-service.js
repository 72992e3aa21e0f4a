'use strict';
// Loads Tests/Interop/echo.proto and implements the Echo service exactly like the C# test server
// (Tests/SourceGenSync.Server.Tests/Grpc/EchoService.cs), so the same assertions hold against both.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, '..', 'echo.proto'), {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const echo = grpc.loadPackageDefinition(definition).sourcegensync.test.echo;

function reply(request, metadata) {
  const echoed = metadata.get('x-echo');
  return {
    text: request.text,
    sequence: request.sequence,
    payload: request.replyPayloadSize > 0 ? Buffer.alloc(request.replyPayloadSize, 7) : request.payload,
    metadataEcho: echoed.length > 0 ? echoed[0].toString() : '',
  };
}

function failure(request, origin) {
  const trailers = new grpc.Metadata();
  trailers.set('x-error-detail', origin);
  return { code: request.failWithCode, details: request.failMessage, metadata: trailers };
}

module.exports = { grpc, echo, reply, failure };
