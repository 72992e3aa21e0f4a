'use strict';
// A @grpc/grpc-js Echo server for the interop tests: binds 127.0.0.1 on a free port, prints "PORT <n>" on
// stdout, and exits when stdin closes (the test process owns it) or on SIGTERM/SIGKILL.
const { grpc, echo, reply, failure } = require('./echo-service');

const server = new grpc.Server();
server.addService(echo.Echo.service, {
  Unary(call, callback) {
    const request = call.request;
    if (request.failWithCode !== 0) {
      callback(failure(request, 'from-grpc-js'));
      return;
    }
    const headers = new grpc.Metadata();
    headers.set('x-response-header', 'grpc-js');
    call.sendMetadata(headers);
    callback(null, reply(request, call.metadata));
  },
  Duplex(call) {
    let failed = false;
    call.on('data', request => {
      if (failed) {
        return;
      }
      if (request.failWithCode !== 0) {
        failed = true;
        call.emit('error', failure(request, 'from-grpc-js'));
        return;
      }
      const count = Math.max(1, request.replyCount);
      for (let i = 0; i < count; i++) {
        call.write(reply(request, call.metadata));
      }
    });
    call.on('end', () => {
      if (!failed) {
        call.end();
      }
    });
  },
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(`bind failed: ${error.message}`);
    process.exit(2);
  }
  console.log(`PORT ${port}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
