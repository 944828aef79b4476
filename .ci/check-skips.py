"""Fails when a Surefire report shows a skipped test that the allow-list does not name,
or when no test ran at all."""
import sys
import xml.etree.ElementTree as ET

allowed = set()
with open(sys.argv[1]) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            allowed.add(line.split()[0])

ran = 0
bad = []
for path in sys.argv[2:]:
    root = ET.parse(path).getroot()
    for case in root.iter('testcase'):
        ran += 1
        if case.find('skipped') is not None:
            name = f"{case.get('classname')}#{case.get('name')}"
            short = f"{case.get('classname').rsplit('.', 1)[-1]}#{case.get('name')}"
            if name not in allowed and short not in allowed:
                msg = case.find('skipped').get('message') or ''
                bad.append(f"{name}: {msg}")
if ran == 0:
    print("check-skips: no test reports found; did the tests run?")
    sys.exit(1)
if bad:
    print("check-skips: tests skipped that .ci/allowed-skips does not allow:")
    for b in bad:
        print("  " + b)
    sys.exit(1)
print(f"check-skips: {ran} test cases, no unexpected skips")
