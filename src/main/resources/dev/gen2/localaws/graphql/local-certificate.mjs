// The certificate the service's TLS side presents for localhost. aws-amplify 6 opens its real-time connection with
// wss:// whatever the GraphQL URL's scheme, so the service also speaks TLS on its port; a client trusts this
// certificate (GET /certificate.pem) to subscribe. Made once per certificate directory and kept there, so a browser
// told to trust it keeps trusting it across restarts.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const selfsigned = require('selfsigned');

export async function localCertificate(directory) {
  const keyFile = directory && path.join(directory, 'localhost-key.pem');
  const certFile = directory && path.join(directory, 'localhost-cert.pem');
  if (directory && fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    const cert = fs.readFileSync(certFile, 'utf8');
    const { X509Certificate } = await import('node:crypto');
    if (new Date(new X509Certificate(cert).validTo) > new Date(Date.now() + 86400000)) {
      return { key: fs.readFileSync(keyFile, 'utf8'), cert };
    }
  }
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 1);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048, algorithm: 'sha256', notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  if (directory) {
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    // each file written whole under another name, then renamed: two services starting at once never leave a key
    // that does not match its certificate half-written
    const write = (file, text, mode) => {
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, text, { mode });
      fs.renameSync(temporary, file);
    };
    write(keyFile, pems.private, 0o600);
    write(certFile, pems.cert, 0o644);
  }
  return { key: pems.private, cert: pems.cert };
}
