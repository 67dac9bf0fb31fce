#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A VIP Access test server, on loopback only, for the test suite.

It plays the provisioning service and the otpCheck/otpSync forms as
vip-protocol.md documents them (the open-source clients' view). It checks
every field of a request and its HMAC; the answer to a request that fails a
check is 4E00, which is *invented* for anything but a bad model: no public
source shows what the real service answers to a wrong MAC.

Usage: vip-test-server.py FIXTURE_DIR [--sync-gap SECONDS]
Prints the port it listens on (127.0.0.1), then serves until killed.
The path chooses the answer: /prov, /prov/real-2014, /prov/status-4E0D, ...
"""
import base64, datetime, hashlib, hmac, os, re, secrets, socket, struct, sys, threading, time
import urllib.parse
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

NS = 'http://www.verisign.com/2006/08/vipservice'
HMAC_KEY = bytes.fromhex('dd0ba692c38aa3a993a3aa26968cd9c2aa2aa2cb23b7c2d2aaaf8f8fc9a0a9a1')
WRAP_KEY = bytes.fromhex('01ad9bc682a3aa93a9a3239a86d6ccd9')
TOTP_MODELS = {'SYMC', 'SYDC', 'VSST', 'VSMT'}
PERIOD = 30

fixtures = sys.argv[1]
sync_gap = 2 * PERIOD
if '--sync-gap' in sys.argv:
    sync_gap = int(sys.argv[sys.argv.index('--sync-gap') + 1])

# Credential ID -> {secret, drift (periods the server is off), last (time)}
known = {
    # The 2014 reply's credential, so that a replay can be checked.
    'SYMC26070843': {'secret': bytes.fromhex('5a716544d977675d22121f37c7763622f0135c69'),
                     'drift': 0, 'last': 0},
}
lock = threading.Lock()


def log(*words):
    print('vip-test-server:', *words, file=sys.stderr, flush=True)


def totp(secret, t):
    mac = hmac.new(secret, struct.pack('>Q', t // PERIOD), hashlib.sha1).digest()
    offset = mac[-1] & 0x0f
    value = struct.unpack('>I', mac[offset:offset + 4])[0] & 0x7fffffff
    return '%06d' % (value % 1000000)


def wrap(iv, plain):
    encryptor = Cipher(algorithms.AES(WRAP_KEY), modes.CBC(iv)).encryptor()
    return encryptor.update(plain) + encryptor.finalize()


def status_reply(request_id, code, message):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<GetSharedSecretResponse RequestId="%s" Version="2.0" xmlns="%s">\n'
            '  <Status>\n    <ReasonCode>%s</ReasonCode>\n'
            '    <StatusMessage>%s</StatusMessage>\n  </Status>\n'
            '</GetSharedSecretResponse>' % (request_id, NS, code, message)).encode()


def success_reply(request_id, model, mode, drift=0):
    b64 = lambda data: base64.b64encode(data).decode()
    now = int(time.time())
    secret = secrets.token_bytes(20)
    plain = secret + bytes([12] * 12)
    ident = model + '%08d' % secrets.randbelow(10 ** 8)
    if mode == 'bad-padding':
        plain = secret + bytes([12] * 11) + b'\x0b'
    elif mode == 'short-secret':
        plain = secret[:19] + bytes([13] * 13)
    elif mode == 'bad-id':
        ident = model + '1234567'
    iv = secrets.token_bytes(16)
    expiry = datetime.datetime.fromtimestamp(now + 1095 * 86400, datetime.timezone.utc)
    with lock:
        known[ident] = {'secret': secret, 'drift': drift, 'last': 0}
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<GetSharedSecretResponse RequestId="%s" Version="2.0" xmlns="%s">\n'
            '  <Status>\n    <ReasonCode>0000</ReasonCode>\n'
            '    <StatusMessage>Success</StatusMessage>\n  </Status>\n'
            '  <SharedSecretDeliveryMethod>HTTPS</SharedSecretDeliveryMethod>\n'
            '  <SecretContainer Version="1.0">\n    <EncryptionMethod>\n'
            '      <PBESalt>%s</PBESalt>\n      <PBEIterationCount>50</PBEIterationCount>\n'
            '      <IV>%s</IV>\n    </EncryptionMethod>\n    <Device>\n'
            '      <Secret type="HOTP" Id="%s">\n'
            '        <Issuer>OU = ID Protection Center, O = Symantec</Issuer>\n'
            '        <Usage otp="true">\n          <AI type="HMAC-SHA1-TRUNC-6DIGITS"/>\n'
            '          <TimeStep>30</TimeStep>\n          <Time>0</Time>\n'
            '          <ClockDrift>4</ClockDrift>\n        </Usage>\n'
            '        <FriendlyName>OU = ID Protection Center, O = Symantec</FriendlyName>\n'
            '        <Data>\n          <Cipher>%s</Cipher>\n'
            '          <Digest algorithm="HMAC-SHA1">%s</Digest>\n        </Data>\n'
            '        <Expiry>%s.%03dZ</Expiry>\n      </Secret>\n    </Device>\n'
            '  </SecretContainer>\n  <UTCTimestamp>%d</UTCTimestamp>\n'
            '</GetSharedSecretResponse>' % (
                request_id, NS, b64(secrets.token_bytes(20)), b64(iv), ident,
                b64(wrap(iv, plain)), b64(secrets.token_bytes(20)),
                expiry.strftime('%Y-%m-%dT%H:%M:%S'), secrets.randbelow(1000), now)).encode()


def check_request(body):
    """The request's model, or raises ValueError naming the field that is wrong."""
    def child(parent, name):
        node = parent.find('{%s}%s' % (NS, name))
        if node is None:
            raise ValueError('missing ' + name)
        return node
    def text(parent, name):
        return (child(parent, name).text or '')
    root = ET.fromstring(body)
    if root.tag != '{%s}GetSharedSecret' % NS or root.get('Version') != '2.0':
        raise ValueError('root')
    order = [c.tag.split('}')[1] for c in root]
    if order != ['TokenModel', 'ActivationCode', 'OtpAlgorithm',
                 'SharedSecretDeliveryMethod', 'Extension']:
        raise ValueError('children %s' % order)
    if text(root, 'ActivationCode') != '':
        raise ValueError('ActivationCode')
    if child(root, 'OtpAlgorithm').get('type') != 'HMAC-SHA1-TRUNC-6DIGITS':
        raise ValueError('OtpAlgorithm')
    if text(root, 'SharedSecretDeliveryMethod') != 'HTTPS':
        raise ValueError('SharedSecretDeliveryMethod')
    ext = child(root, 'Extension')
    if ext.get('extVersion') != 'auth' or \
       ext.get('{http://www.w3.org/2001/XMLSchema-instance}type') != 'vip:ProvisionInfoType':
        raise ValueError('Extension')
    fields = {name: text(ext, name) for name in
              ('AppHandle', 'ClientIDType', 'ClientID', 'DistChannel', 'ClientTimestamp', 'Data')}
    if fields['AppHandle'] != 'iMac010200' or fields['ClientIDType'] != 'BOARDID' \
       or fields['DistChannel'] != 'Symantec':
        raise ValueError('constants')
    if not re.fullmatch(r'soft-token-[0-9.]+', fields['ClientID']):
        raise ValueError('ClientID')
    ts = fields['ClientTimestamp']
    if root.get('Id') != ts or not ts.isdigit() or abs(int(ts) - time.time()) > 300:
        raise ValueError('timestamp')
    signed = (ts + ts + 'BOARDID' + fields['ClientID'] + 'Symantec').encode()
    mac = base64.b64encode(hmac.new(HMAC_KEY, signed, hashlib.sha256).digest()).decode()
    if not hmac.compare_digest(mac, fields['Data']):
        raise ValueError('Data (HMAC)')
    return text(root, 'TokenModel'), ts


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, body, content_type='application/xml'):
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        # For the tests only: the secret the server made, so that they can
        # check the client's codes with oathtool.
        ident = self.path.rstrip('/').rsplit('/', 1)[-1]
        with lock:
            token = known.get(ident) if self.path.startswith('/secret/') else None
        if token is None:
            return self.answer(404, b'not here', 'text/plain')
        self.answer(200, token['secret'].hex().encode(), 'text/plain')

    def do_POST(self):
        length = int(self.headers.get('Content-Length', '0'))
        body = self.rfile.read(length)
        path = self.path.rstrip('/')
        if path.startswith('/prov'):
            self.provision(path[len('/prov'):].lstrip('/'), body)
        elif path == '/otpCheck':
            self.check(urllib.parse.parse_qs(body.decode()), sync=False)
        elif path == '/otpSync':
            self.check(urllib.parse.parse_qs(body.decode()), sync=True)
        else:
            self.answer(404, b'not here', 'text/plain')

    def provision(self, mode, body):
        if mode.startswith('real-'):
            with open(os.path.join(fixtures, 'reply-%s.xml' % mode[5:]), 'rb') as f:
                return self.answer(200, f.read())
        if mode == 'http-500':
            return self.answer(500, b'<html>Internal Server Error</html>', 'text/html')
        if mode == 'malformed':
            return self.answer(200, b'<html><body>Service unavailable</body></html>', 'text/html')
        if mode.startswith('status-'):
            messages = {'4E00': 'Malformed request', '4E0D': 'Unsupported token model',
                        '4F04': 'Expired or unsupported mobile application'}
            code = mode[7:]
            return self.answer(200, status_reply('1', code, messages.get(code, 'Unknown status')))
        try:
            model, request_id = check_request(body)
        except (ValueError, ET.ParseError) as error:
            log('refused request:', error)
            return self.answer(200, status_reply('0', '4E00', 'Malformed request'))
        if not re.fullmatch(r'\w{3,4}', model):
            return self.answer(200, status_reply(request_id, '4E00', 'Malformed request'))
        if model not in TOTP_MODELS:
            return self.answer(200, status_reply(request_id, '4E0D', 'Unsupported token model'))
        reply = success_reply(request_id, model, mode, drift=5 if mode == 'drifted' else 0)
        if mode == 'truncated':
            return self.answer(200, reply[:len(reply) // 2])
        if mode in ('never-ends', 'close-half-way'):
            self.send_response(200)
            self.send_header('Content-Type', 'application/xml')
            self.send_header('Content-Length', str(len(reply)))
            self.end_headers()
            self.wfile.write(reply[:len(reply) // 2])
            self.wfile.flush()
            if mode == 'never-ends':
                time.sleep(3600)
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self.answer(200, reply)

    def check(self, form, sync):
        field = lambda name: form.get(name, [''])[0]
        digits = lambda prefix: ''.join(field('%s%d' % (prefix, i)) for i in range(1, 7))
        page = '<html><body><p>%s</p></body></html>'
        ident = field('cred')
        now = int(time.time())
        with lock:
            token = known.get(ident)
            expected_continue = 'otp_sync' if sync else 'otp_check'
            if token is None or field('continue') != expected_continue:
                sentence = 'We could not validate your credential.'
            elif not sync:
                sentence = self.check_one(token, digits('cr'), now)
            else:
                sentence = self.sync_two(token, digits('cr'), digits('ncr'), now)
            if token is not None:
                token['last'] = now
        self.answer(200, (page % sentence).encode(), 'text/html; charset=utf-8')

    @staticmethod
    def check_one(token, code, now):
        at = lambda steps: totp(token['secret'], now + (steps + token['drift']) * PERIOD)
        if code in (at(-1), at(0), at(1)):
            return 'Your VIP Credential is working correctly.'
        if any(code == totp(token['secret'], now + s * PERIOD) for s in range(-10, 11)):
            return 'Your VIP credential needs to be sync.'
        return 'We could not validate your credential.'

    @staticmethod
    def sync_two(token, first, second, now):
        if now - token['last'] < sync_gap:
            return 'Your VIP Credential could not be synced.'
        for s in range(-10, 11):
            t = now + s * PERIOD
            if first == totp(token['secret'], t - PERIOD) and second == totp(token['secret'], t):
                token['drift'] = s
                return 'Your VIP Credential is successfully synced.'
        return 'Your VIP Credential could not be synced.'


server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
