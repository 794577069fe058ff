"""Echoes one value of every type through the kitchen service with zeep in strict mode.

Usage: zeep_types.py WSDL_URL 1.1|1.2
Prints one JSON object: echo name -> {"ok": value} or {"fault": message}. Values zeep returns
as Python objects (Decimal, date, bytes…) are printed as their str() forms, bytes as hex, integers past 2**53 as strings.
Driven by test/soap-zeep.test.ts; run with Debian's /usr/bin/python3 (python3-zeep).
"""
import datetime
import decimal
import json
import sys

import requests
import zeep
from zeep.helpers import serialize_object
from zeep.transports import Transport

UTC = datetime.timezone.utc
ADDRESS = {"street": "Main", "zip": "12345"}
KITCHEN = {
    "name": "a < b & \"c\"",
    "count": 3,
    "big": 9223372036854775807,
    "ratio": 2.5,
    "ok": True,
    "price": decimal.Decimal("12.50"),
    "day": datetime.date(2010, 4, 27),
    "at": datetime.time(12, 54, 18),
    "when": datetime.datetime(2010, 4, 27, 12, 54, 18, tzinfo=UTC),
    "blob": b"hello",
    "color": "green",
    "level": 2,
    "tags": {"item": ["x", "y"]},
    "scores": {"item": [{"key": "a", "value": 1}]},
    "maybe": None,
    "home": ADDRESS,
    "others": {"item": [{"street": "Side"}]},
    "grid": {"item": [{"item": [1, 2]}, {"item": []}]},
}
SAMPLES = {
    "string": "a < b & \"c\" ünï",
    "int": -42,
    "long": -9223372036854775808,
    "double": 3.25,
    "bool": False,
    "decimal": decimal.Decimal("-1234567890123456.25"),
    "date": datetime.date(2010, 4, 27),
    "time": datetime.time(12, 54, 18),
    "datetime": datetime.datetime(2010, 4, 27, 12, 54, 18, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
    "binary": b"\x00\x01\x02\xff",
    "color": "blue",
    "level": 3,
    "strings": {"item": ["a", "", "c"]},
    "ints": {"item": [1, 2]},
    "dict": {"item": [{"key": "a", "value": 1}, {"key": "b", "value": 2}]},
    "nullable": None,
    "bounded": 10,
    "short": "abcde",
    "kitchen": KITCHEN,
}


def plain(value):
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return {"bigint": str(value)}  # JSON numbers would round it
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    if isinstance(value, (decimal.Decimal, datetime.date, datetime.time)):
        return str(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main() -> None:
    wsdl_url, version = sys.argv[1], sys.argv[2]
    session = requests.Session()
    session.trust_env = False
    client = zeep.Client(wsdl_url, settings=zeep.Settings(strict=True), transport=Transport(session=session, timeout=10, operation_timeout=10))
    (service_name, service), = client.wsdl.services.items()
    ports = {p.binding.__class__.__name__: name for name, p in service.ports.items()}
    proxy = client.bind(service_name, ports["Soap12Binding" if version == "1.2" else "Soap11Binding"])
    out = {}
    for name, value in SAMPLES.items():
        op = "echo" + name[0].upper() + name[1:]
        try:
            out[name] = {"ok": plain(serialize_object(getattr(proxy, op)(v=value), dict))}
        except zeep.exceptions.Fault as f:
            out[name] = {"fault": f.message}
    try:
        getattr(proxy, "echoBounded")(v=11)
        out["outOfBounds"] = {"ok": "accepted"}
    except zeep.exceptions.Fault as f:
        out["outOfBounds"] = {"fault": f.message}
    except (zeep.exceptions.ValidationError, ValueError) as e:  # zeep may refuse it before sending
        out["outOfBounds"] = {"refused": str(e)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
