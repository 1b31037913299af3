#!/usr/bin/env python3
"""Hostile HTTP clients for bench/hostile/run.sh: raw sockets, only the standard library, loopback only.

  client.py chunked PORT PATH GB                 one chunked JSON body of GB gigabytes (spaces)
  client.py parallel-chunked PORT PATH GB N      N of them at once
  client.py encodings PORT LIMIT_MB              a body just over the limit in every framing and encoding
  client.py uploads PORT N MB SERVER_PID DATA    N concurrent multipart uploads of MB megabytes each

Each prints one line of key=value figures.
"""
import gzip
import os
import socket
import sys
import threading
import time
import zlib

HOST = "127.0.0.1"
IRIS = b'{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[6.7,3.0,5.2,2.3]}'


def read_answer(sock):
    """Reads one answer's status line, headers and body (Content-Length or until close)."""
    data = b""
    while b"\r\n\r\n" not in data:
        more = sock.recv(65536)
        if not more:
            break
        data += more
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0] else 0
    headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
    length = int(headers.get("content-length", "-1"))
    while length >= 0 and len(body) < length:
        more = sock.recv(65536)
        if not more:
            break
        body += more
    return status, body.decode("utf-8", "replace")


def chunked(port, path, gigabytes, prefix=IRIS):
    """Sends a chunked JSON body padded with spaces until the server answers; returns the figures."""
    total = int(float(gigabytes) * 1e9)
    sock = socket.create_connection((HOST, port))
    sock.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n" % path).encode())
    sent = [0]
    answered = threading.Event()
    result = {}

    def reader():
        try:
            result["status"], result["body"] = read_answer(sock)
        except OSError as e:
            result["status"], result["body"] = 0, str(e)
        result["sent_when_answered"] = sent[0]
        answered.set()

    threading.Thread(target=reader, daemon=True).start()
    start = time.time()
    pad = b" " * (1 << 20)
    chunk = b"%x\r\n" % len(pad) + pad + b"\r\n"
    try:
        sock.sendall(b"%x\r\n" % len(prefix) + prefix + b"\r\n")
        while sent[0] < total and not answered.is_set():
            sock.sendall(chunk)
            sent[0] += len(pad)
        if not answered.is_set():
            sock.sendall(b"1\r\n}\r\n0\r\n\r\n")
    except OSError:
        pass
    answered.wait(120)
    sock.close()
    return "status=%s sent_when_answered=%dMB seconds=%.2f" % (
        result.get("status"), result.get("sent_when_answered", 0) // 1000000, time.time() - start)


def parallel_chunked(port, path, gigabytes, n):
    out = [None] * n
    threads = [threading.Thread(target=lambda i=i: out.__setitem__(i, chunked(port, path, gigabytes)))
               for i in range(n)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    statuses = [o.split()[0] for o in out]
    return "answers=" + ",".join(sorted(set("%s*%d" % (s, statuses.count(s)) for s in statuses)))


def post(port, path, headers, body):
    sock = socket.create_connection((HOST, port))
    head = "POST %s HTTP/1.1\r\nHost: x\r\n%s\r\n" % (path, "".join(h + "\r\n" for h in headers))
    try:
        sock.sendall(head.encode() + body)
    except OSError:
        pass
    try:
        return read_answer(sock)[0]
    finally:
        sock.close()


def encodings(port, limit_mb):
    over = int(limit_mb) * 1024 * 1024 + 1024
    body = b'{"text":"' + b"a" * over + b'"}'
    small_bomb = gzip.compress(body)
    deflated = zlib.compress(body)
    framed = b"".join(b"%x\r\n" % len(body[i:i + 65536]) + body[i:i + 65536] + b"\r\n"
                      for i in range(0, len(body), 65536)) + b"0\r\n\r\n"
    multipart = (b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--b\r\n"
                 b"Content-Disposition: form-data; name=\"attachment\"; filename=\"f\"\r\n\r\n"
                 + b"x" * over + b"\r\n--b--\r\n")
    cases = [
        ("content-length", ["Content-Type: application/json", "Content-Length: %d" % len(body)], body),
        ("chunked", ["Content-Type: application/json", "Transfer-Encoding: chunked"], framed),
        ("gzip(%dKB)" % (len(small_bomb) // 1024),
         ["Content-Type: application/json", "Content-Encoding: gzip", "Content-Length: %d" % len(small_bomb)],
         small_bomb),
        ("deflate(%dKB)" % (len(deflated) // 1024),
         ["Content-Type: application/json", "Content-Encoding: deflate", "Content-Length: %d" % len(deflated)],
         deflated),
        ("multipart", ["Content-Type: multipart/form-data; boundary=b", "Content-Length: %d" % len(multipart)],
         multipart),
    ]
    lines = []
    for route in ("/v2/models/demo/predict/", "/v2/models/demo/train/", "/v2/models/iris/infer"):
        for name, headers, payload in cases:
            if route.endswith("infer") and name == "multipart":
                continue
            lines.append("route=%s body=%s status=%s" % (route, name, post(port, route, headers, payload)))
    return "\n".join(lines)


def uploads(port, n, mb, pid, data):
    """N concurrent multipart uploads of MB each to demo predict; samples the server's RSS and disk use."""
    size = int(mb) * 1000 * 1000
    statuses = []
    lock = threading.Lock()
    peak_disk = [0]
    done = threading.Event()

    def one():
        sock = socket.create_connection((HOST, port))
        start = (b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--b\r\n"
                 b"Content-Disposition: form-data; name=\"attachment\"; filename=\"big.bin\"\r\n"
                 b"Content-Type: application/octet-stream\r\n\r\n")
        end = b"\r\n--b--\r\n"
        head = ("POST /v2/models/demo/predict/ HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                "boundary=b\r\nContent-Length: %d\r\n\r\n" % (len(start) + size + len(end))).encode()
        block = b"x" * (1 << 20)
        status = 0
        try:
            sock.sendall(head + start)
            left = size
            while left > 0:
                sock.sendall(block[:min(left, len(block))])
                left -= min(left, len(block))
            sock.sendall(end)
            status = read_answer(sock)[0]
        except OSError as e:
            status = "error:" + type(e).__name__
        finally:
            sock.close()
        with lock:
            statuses.append(status)

    def sample():
        while not done.is_set():
            total = 0
            for root, _, files in os.walk(os.path.join(data, "tmp", "uploads")):
                for f in files:
                    try:
                        total += os.path.getsize(os.path.join(root, f))
                    except OSError:
                        pass
            peak_disk[0] = max(peak_disk[0], total)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    begin = time.time()
    threads = [threading.Thread(target=one) for _ in range(int(n))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    done.set()
    counts = {}
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    return "answers=%s seconds=%.1f peak_upload_disk=%dMB" % (
        ",".join("%s*%d" % (k, v) for k, v in sorted(counts.items(), key=str)), time.time() - begin,
        peak_disk[0] // 1000000)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "chunked":
        print(chunked(int(args[0]), args[1], args[2]))
    elif command == "parallel-chunked":
        print(parallel_chunked(int(args[0]), args[1], args[2], int(args[3])))
    elif command == "encodings":
        print(encodings(int(args[0]), args[1]))
    elif command == "uploads":
        print(uploads(int(args[0]), args[1], args[2], args[3], args[4]))
    else:
        sys.exit(__doc__)
