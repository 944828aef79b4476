"""curl's side of bin/bench ftp: python3 ftp_curl.py PORT MIB WARMUP MEASURED OP [CA]

Times curl (one process per operation, as a user runs it) against FtpBenchServer's vsftpd:
op=down RETRs pub/big.bin to /dev/null, op=up STORs a local file of MIB MiB, op=small fetches
the 1,000 4 KiB files of pub/small in one invocation (a URL glob, so one session), op=tlsdown
RETRs big.bin over explicit FTPS (--ssl-reqd, trusting CA; PORT is then the FTPS vsftpd's). Prints
"FTP curl OP <ms>" per measured operation.
"""
import os
import subprocess
import sys
import tempfile
import time

port, mib, warm, meas, op = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
base = f"ftp://127.0.0.1:{port}/pub/"
local = None
if op == "up":
    fd, local = tempfile.mkstemp(prefix="ftp-bench-up-")
    with os.fdopen(fd, "wb") as f:
        chunk = bytes((i * 31 + (i >> 11)) & 0xff for i in range(1 << 20))
        for _ in range(mib):
            f.write(chunk)
try:
    if op == "tlsdown":
        cmd = ["curl", "-sS", "--fail", "--ssl-reqd", "--cacert", sys.argv[6], "-o", "/dev/null", base + "big.bin"]
    elif op == "down":
        cmd = ["curl", "-sS", "--fail", "-o", "/dev/null", base + "big.bin"]
    elif op == "up":
        cmd = ["curl", "-sS", "--fail", "-T", local, base + "up-curl.bin"]
    else:
        cmd = ["curl", "-sS", "--fail", base + "small/f[0000-0999]"]
    for i in range(warm + meas):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        ms = (time.perf_counter() - t0) * 1000
        if i >= warm:
            print(f"FTP curl {op} {ms:.1f}", flush=True)
finally:
    if local:
        os.unlink(local)
