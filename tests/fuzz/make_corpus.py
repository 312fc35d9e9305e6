#!/usr/bin/env python3
"""Regenerates the seed corpus in tests/fuzz/corpus/server_reply (binary server replies).

Real flights are captured from `openssl s_server` on 127.0.0.1: `openssl s_client` sends its
ClientHello to a local listener, the recorded hello is replayed to s_server, and the server's
first flight is saved. Synthetic seeds (SSLv2 SERVER-HELLO, export RSA flight, truncated,
oversized and fragmented records, non-TLS text) are built from those bytes.
File prefixes say what the parser must make of each: sh_ ServerHello, alert_ Alert,
sslv2_ SSLv2 SERVER-HELLO, cut_ a truncated flight, bad_ anything else (checked by tests/checks/tls/fuzz_corpus_test.cpp).
Usage: tests/fuzz/make_corpus.py   (needs openssl; loopback only)
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "server_reply")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_until_idle(sock, idle=0.5, cap=65536):
    sock.settimeout(idle)
    data = b""
    while len(data) < cap:
        try:
            chunk = sock.recv(cap - len(data))
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return data


def client_hello(client_args):
    """The ClientHello openssl s_client sends with these arguments."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    proc = subprocess.Popen(["openssl", "s_client", "-connect", f"127.0.0.1:{port}"] + client_args,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    listener.settimeout(10)
    conn, _ = listener.accept()
    hello = read_until_idle(conn)
    conn.close()
    listener.close()
    proc.kill()
    proc.wait()
    return hello


def server_flight(hello, server_args, cert, key):
    port = free_port()
    proc = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert", cert,
                             "-key", key, "-naccept", "1", "-quiet"] + server_args,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("s_server did not start: " + " ".join(server_args))
        sock.sendall(hello)
        reply = read_until_idle(sock, idle=0.7)
        sock.close()
        return reply
    finally:
        proc.kill()
        proc.wait()


def records(data):
    out, i = [], 0
    while i + 5 <= len(data):
        length = struct.unpack(">H", data[i + 3:i + 5])[0]
        out.append((data[i], data[i + 1:i + 3], data[i + 5:i + 5 + length]))
        i += 5 + length
    return out


def rerecord(data, size):
    """The same handshake stream in records of at most `size` bytes (reassembly)."""
    stream = b"".join(frag for ctype, _, frag in records(data) if ctype == 22)
    version = records(data)[0][1]
    return b"".join(bytes([22]) + version + struct.pack(">H", len(stream[i:i + size])) +
                    stream[i:i + size] for i in range(0, len(stream), size))


def handshake(msg_type, body):
    return bytes([msg_type]) + struct.pack(">I", len(body))[1:] + body


def record(ctype, body, version=b"\x03\x01"):
    return bytes([ctype]) + version + struct.pack(">H", len(body)) + body


def der_of(pem_path):
    out = subprocess.run(["openssl", "x509", "-in", pem_path, "-outform", "DER"],
                         capture_output=True, check=True)
    return out.stdout


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {}
    with tempfile.TemporaryDirectory() as tmp:
        rsa_key, rsa_cert = os.path.join(tmp, "rsa.key"), os.path.join(tmp, "rsa.pem")
        ec_key, ec_cert = os.path.join(tmp, "ec.key"), os.path.join(tmp, "ec.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                        rsa_key, "-out", rsa_cert, "-days", "30", "-subj", "/CN=fuzz.test"],
                       check=True, capture_output=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", ec_key, "-out", ec_cert,
                        "-days", "30", "-subj", "/CN=fuzz.test"], check=True, capture_output=True)
        legacy = ["-cipher", "DEFAULT:@SECLEVEL=0"]
        cases = [
            ("sh_tls12_ecdhe_rsa", ["-tls1_2"], ["-tls1_2"], rsa_cert, rsa_key),
            ("sh_tls12_dhe_rsa", ["-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256"],
             ["-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256"], rsa_cert, rsa_key),
            ("sh_tls12_rsa_kx", ["-tls1_2", "-cipher", "AES128-SHA"],
             ["-tls1_2", "-cipher", "AES128-SHA"], rsa_cert, rsa_key),
            ("sh_tls12_alpn_h2", ["-tls1_2", "-alpn", "h2,http/1.1"], ["-tls1_2", "-alpn", "h2"],
             rsa_cert, rsa_key),
            ("sh_tls12_ecdhe_ecdsa", ["-tls1_2", "-status"], ["-tls1_2"], ec_cert, ec_key),
            ("sh_tls11_ecdhe_rsa", ["-tls1_1"] + legacy, ["-tls1_1"] + legacy, rsa_cert, rsa_key),
            ("sh_tls10_ecdhe_rsa", ["-tls1"] + legacy, ["-tls1"] + legacy, rsa_cert, rsa_key),
            ("sh_tls10_dhe_rsa", ["-tls1", "-cipher", "DHE-RSA-AES128-SHA:@SECLEVEL=0"],
             ["-tls1"] + legacy, rsa_cert, rsa_key),
            ("sh_tls13", ["-tls1_3"], [], rsa_cert, rsa_key),
            # The client sends a key share for P-384 only; the server wants x25519: HRR.
            ("sh_tls13_hello_retry", ["-groups", "P-384:x25519"], ["-tls1_3", "-groups", "x25519"],
             rsa_cert, rsa_key),
            ("alert_tls13_server_tls12_client", ["-tls1_2"], ["-tls1_3"], rsa_cert, rsa_key),
        ]
        for name, client_args, srv_args, cert, key in cases:
            hello = client_hello(client_args + ["-servername", "fuzz.test"])
            seeds[name] = server_flight(hello, srv_args, cert, key)
        ecdhe = seeds["sh_tls12_ecdhe_rsa"]
        rsa_der = der_of(rsa_cert)

    # SSLv2 SERVER-HELLO: type 4, no session hit, X.509 cert, version 2, RC4 and 3DES kinds.
    specs = bytes.fromhex("010080" "0700c0" "020080")
    conn_id = bytes(range(16))
    body = (bytes([4, 0, 1]) + b"\x00\x02" + struct.pack(">HHH", len(rsa_der), len(specs),
                                                           len(conn_id)) + rsa_der + specs + conn_id)
    seeds["sslv2_server_hello"] = struct.pack(">H", 0x8000 | len(body)) + body

    # Export RSA flight: ServerHello (TLS_RSA_EXPORT_WITH_RC4_40_MD5), Certificate,
    # ServerKeyExchange with a 512-bit modulus, ServerHelloDone.
    sh = handshake(2, b"\x03\x01" + bytes(32) + b"\x00" + b"\x00\x03" + b"\x00")
    chain = struct.pack(">I", len(rsa_der) + 3)[1:] + struct.pack(">I", len(rsa_der))[1:] + rsa_der
    modulus = b"\xc3" + bytes(range(1, 64))
    ske = handshake(12, struct.pack(">H", 64) + modulus + b"\x00\x03\x01\x00\x01" +
                    struct.pack(">H", 64) + bytes(64))
    seeds["sh_tls10_rsa_export"] = record(22, sh + handshake(11, chain) + ske + handshake(14, b""))

    # Fragmented reassembly, truncations, oversized and non-TLS inputs.
    seeds["sh_tls12_fragmented_7"] = rerecord(ecdhe, 7)
    for cut in (3, 5, 9, 60, len(ecdhe) // 2, len(ecdhe) - 1):
        seeds[f"cut_tls12_{cut}"] = ecdhe[:cut]
    seeds["bad_record_oversized"] = b"\x16\x03\x03\x48\x01" + bytes(64)
    seeds["bad_handshake_oversized"] = record(22, b"\x02\xff\xff\xff" + bytes(32), b"\x03\x03")
    seeds["bad_sslv2_truncated"] = seeds["sslv2_server_hello"][:40]
    seeds["bad_not_tls_http"] = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
    seeds["bad_appdata_first"] = record(23, b"hello", b"\x03\x03")
    seeds["alert_fatal_handshake_failure"] = record(21, b"\x02\x28", b"\x03\x03")

    for name, data in sorted(seeds.items()):
        if not data:
            sys.exit(f"no bytes captured for {name}")
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
