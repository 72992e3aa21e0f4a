'use strict';
// A @grpc/grpc-js Echo client for the interop tests: `node client.js <host:port> <scenario>` runs one scenario
// against our Kestrel server and prints one JSON line with what it observed (exit code 0 either way; the C#
// test asserts on the JSON).
const { grpc, echo } = require('./echo-service');

const [target, scenario] = process.argv.slice(2);
const client = new echo.Echo(target, grpc.credentials.createInsecure());
const deadline = () => new Date(Date.now() + 30000);

function done(result) {
  console.log(JSON.stringify(result));
  client.close();
}

function statusOf(error) {
  return {
    code: error.code,
    details: error.details,
    errorDetail: (error.metadata && error.metadata.get('x-error-detail')[0] || '').toString(),
  };
}

const scenarios = {
  unary() {
    const metadata = new grpc.Metadata();
    metadata.set('x-echo', 'from-grpc-js');
    client.Unary({ text: 'hello', sequence: 7 }, metadata, { deadline: deadline() }, (error, response) => {
      done(error ? { ok: false, ...statusOf(error) } : { ok: true, text: response.text, sequence: response.sequence, metadataEcho: response.metadataEcho });
    });
  },
  error() {
    client.Unary({ text: 'x', failWithCode: 5, failMessage: 'nothing here: ü 100%' }, new grpc.Metadata(), { deadline: deadline() }, (error) => {
      done(error ? { ok: false, ...statusOf(error) } : { ok: true });
    });
  },
  bidi() {
    const total = 2000;
    const call = client.Duplex(new grpc.Metadata(), { deadline: deadline() });
    let received = 0;
    let inOrder = true;
    call.on('data', response => {
      if (response.sequence !== received) {
        inOrder = false;
      }
      received++;
    });
    // 'status' and 'end' may come in either order: report once both have happened.
    let pending = 2;
    const finish = () => {
      if (--pending === 0) {
        done({ ok: true, received, inOrder });
      }
    };
    call.on('error', error => done({ ok: false, received, ...statusOf(error) }));
    call.on('end', finish);
    call.on('status', status => {
      if (status.code === grpc.status.OK) {
        finish();
      }
    });
    for (let i = 0; i < total; i++) {
      call.write({ text: `m${i}`, sequence: i });
    }
    call.end();
  },
  'bidi-error'() {
    const call = client.Duplex(new grpc.Metadata(), { deadline: deadline() });
    let received = 0;
    call.on('data', () => received++);
    call.on('error', error => done({ ok: false, received, ...statusOf(error) }));
    call.on('status', status => {
      if (status.code === grpc.status.OK) {
        done({ ok: true, received });
      }
    });
    call.write({ text: 'a', sequence: 0 });
    call.write({ text: 'b', sequence: 1 });
    call.write({ text: 'c', sequence: 2, failWithCode: 9, failMessage: 'stop here' });
    call.end();
  },
};

if (!scenarios[scenario]) {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}
scenarios[scenario]();
