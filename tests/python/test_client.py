#!/usr/bin/env python3
"""End-to-end test of khabar from a non-Rust client (Python grpcio).

Usage, from anywhere (the repository is found from this file's location):

    python3 tests/python/test_client.py --binary target/debug/khabar [unittest args]

or through tests/python/run.sh, which sets up a virtualenv first. The binary
may also be given as KHABAR_BINARY; the default is target/debug/khabar.

What it does:
  * generates Python stubs for proto/khabar/v1/*.proto into a temporary
    directory with grpc_tools.protoc (bundled protoc and well-known types, no
    system protoc needed);
  * starts `khabar serve --listen 127.0.0.1:PORT --data-dir TMP` on a free
    port, waits until the channel is ready and the health service reports
    SERVING;
  * checks health, server reflection (v1 and v1alpha), ingest/get/idempotency with an
    Arabic article, NOT_FOUND and INVALID_ARGUMENT error codes;
  * stops the server with SIGTERM and checks that it exits cleanly (it is
    killed if it does not stop in time).

Exits non-zero when any test fails.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import grpc
from google.protobuf import descriptor_pool
from google.protobuf import timestamp_pb2
from grpc_health.v1 import health_pb2
from grpc_health.v1 import health_pb2_grpc
from grpc_reflection.v1alpha import proto_reflection_descriptor_database
from grpc_reflection.v1alpha import reflection_pb2

REPO_ROOT = Path(__file__).resolve().parents[2]
PROTO_DIR = REPO_ROOT / "proto"
PROTO_FILES = ("khabar/v1/types.proto", "khabar/v1/service.proto")
SERVICE_NAME = "khabar.v1.DocumentStore"

READY_TIMEOUT_S = 30.0
RPC_TIMEOUT_S = 30.0
SHUTDOWN_TIMEOUT_S = 20.0

# Set by main() from --binary; KHABAR_BINARY or target/debug/khabar otherwise.
BINARY: str | None = None

# Filled in by setUpModule().
pb = None  # khabar.v1.service_pb2
pb_grpc = None  # khabar.v1.service_pb2_grpc
types_pb = None  # khabar.v1.types_pb2


# An invented news article: a headline, a dateline, a few paragraphs, a
# direct quote after "وقال" and dates written out in Arabic.
ARTICLE_TEXT = """\
وزارة المياه تعلن خطة لتأهيل محطات التحلية في المدن الساحلية

الرباط - 15 مارس 2024

أعلنت وزارة المياه والري اليوم الجمعة عن خطة جديدة لتأهيل ثلاث محطات لتحلية المياه في المدن الساحلية، بكلفة تقديرية تبلغ مئة وعشرين مليون دولار، على أن تبدأ الأعمال مطلع الشهر المقبل.

وقال الوزير أحمد السالم إن "المرحلة الأولى من المشروع ستنتهي قبل نهاية العام الجاري، وستضمن وصول المياه إلى أكثر من مئتي ألف منزل".

وأضاف السالم في مؤتمر صحفي عقده في مقر الوزارة أن الحكومة ستطرح مناقصة دولية في الأول من يونيو 2024، مشيرا إلى أن شركات محلية ستشارك في التنفيذ.

من جهته، أكد رئيس لجنة الخدمات في البرلمان خالد المنصور أن اللجنة ستتابع سير العمل في المشروع، داعيا إلى الإسراع في معالجة شح المياه قبل حلول فصل الصيف.
"""
# A phrase from the body (not the headline or the dateline) that cleaning
# must keep verbatim.
ARTICLE_PHRASE = "تأهيل ثلاث محطات لتحلية المياه"
# 2024-03-15T09:30:00Z
PUBLISHED_AT_SECONDS = 1710495000


def _log(msg: str) -> None:
    print(f"[test_client] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Stub generation
# --------------------------------------------------------------------------


def _well_known_protos_dir() -> str:
    """The directory of .proto files bundled with grpcio-tools
    (google/protobuf/timestamp.proto and friends)."""
    try:
        from importlib import resources

        return str(resources.files("grpc_tools") / "_proto")
    except (ImportError, AttributeError):  # Python < 3.9
        import pkg_resources

        return pkg_resources.resource_filename("grpc_tools", "_proto")


def generate_stubs(out_dir: Path) -> None:
    """Runs the bundled protoc on proto/ and makes the output importable."""
    from grpc_tools import protoc

    out_dir.mkdir(parents=True, exist_ok=True)
    args = [
        "grpc_tools.protoc",
        f"--proto_path={PROTO_DIR}",
        f"--proto_path={_well_known_protos_dir()}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        *PROTO_FILES,
    ]
    rc = protoc.main(args)
    if rc != 0:
        raise RuntimeError(f"grpc_tools.protoc failed with exit code {rc}: {args}")
    for rel in ("khabar/v1/service_pb2.py", "khabar/v1/service_pb2_grpc.py", "khabar/v1/types_pb2.py"):
        if not (out_dir / rel).is_file():
            raise RuntimeError(f"grpc_tools.protoc did not generate {rel}")
    # The generated modules import each other as khabar.v1.*: put the output
    # directory first on the path (khabar/ and khabar/v1/ are namespace
    # packages).
    sys.path.insert(0, str(out_dir))
    importlib.invalidate_caches()


def load_stubs(out_dir: Path) -> None:
    global pb, pb_grpc, types_pb
    generate_stubs(out_dir)
    types_pb = importlib.import_module("khabar.v1.types_pb2")
    pb = importlib.import_module("khabar.v1.service_pb2")
    pb_grpc = importlib.import_module("khabar.v1.service_pb2_grpc")


# --------------------------------------------------------------------------
# Server process
# --------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`khabar serve` on a free loopback port with a throwaway data dir."""

    def __init__(self, binary: str, work_dir: Path):
        self.binary = binary
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.data_dir = work_dir / "data"
        self.log_path = work_dir / "server.log"
        self.proc: subprocess.Popen | None = None
        self._log_file = None
        self.exit_code: int | None = None

    def start(self) -> None:
        # Settings come only from the command line: drop any KHABAR_* the
        # caller's environment may have (a config file, another data dir).
        env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
        env.setdefault("RUST_BACKTRACE", "1")
        cmd = [
            self.binary,
            "serve",
            "--listen",
            self.address,
            "--data-dir",
            str(self.data_dir),
        ]
        _log(f"starting: {' '.join(cmd)}")
        self._log_file = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:]) or "(server log is empty)"

    def stop(self) -> int | None:
        """SIGTERM, wait, SIGKILL after SHUTDOWN_TIMEOUT_S. Returns the exit
        code after SIGTERM, or None when it had to be killed. Idempotent."""
        if self.proc is None:
            return self.exit_code
        proc, self.proc = self.proc, None
        try:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    self.exit_code = proc.wait(timeout=SHUTDOWN_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    _log(f"server did not stop within {SHUTDOWN_TIMEOUT_S}s of SIGTERM; killing it")
                    proc.kill()
                    proc.wait()
                    self.exit_code = None
            else:
                self.exit_code = proc.returncode
        finally:
            if self._log_file is not None:
                self._log_file.close()
                self._log_file = None
        return self.exit_code


def wait_until_serving(server: ServerProcess, channel: grpc.Channel) -> None:
    """Waits for the channel to connect, then for Health/Check to say
    SERVING. Fails early if the server process exits."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    ready = grpc.channel_ready_future(channel)
    try:
        while True:
            if not server.running():
                raise RuntimeError(
                    f"khabar exited with code {server.proc.returncode if server.proc else '?'} "
                    f"before accepting connections; log:\n{server.log_tail()}"
                )
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError(
                    f"khabar did not accept connections on {server.address} within "
                    f"{READY_TIMEOUT_S}s; log:\n{server.log_tail()}"
                )
            try:
                # Bounded waits so a crashed server is noticed promptly.
                ready.result(timeout=min(0.5, remaining))
                break
            except grpc.FutureTimeoutError:
                continue
    finally:
        ready.cancel()

    health = health_pb2_grpc.HealthStub(channel)
    backoff = 0.05
    last = None
    while True:
        try:
            resp = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
            if resp.status == health_pb2.HealthCheckResponse.SERVING:
                return
            last = health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status)
        except grpc.RpcError as err:
            last = f"{err.code().name}: {err.details()}"
        if time.monotonic() + backoff > deadline:
            raise RuntimeError(f"health never reported SERVING (last: {last}); log:\n{server.log_tail()}")
        time.sleep(backoff)
        backoff = min(backoff * 2, 0.5)


# --------------------------------------------------------------------------
# Reflection (v1)
# --------------------------------------------------------------------------


class _ReflectionV1Stub:
    """grpc.reflection.v1.ServerReflection. grpcio-reflection only ships
    v1alpha stubs, but v1 has the same messages (field for field) under a new
    package name, so the v1alpha classes serialise v1 messages exactly."""

    def __init__(self, channel: grpc.Channel):
        self.ServerReflectionInfo = channel.stream_stream(
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )


class ReflectionV1DescriptorDatabase(proto_reflection_descriptor_database.ProtoReflectionDescriptorDatabase):
    """grpc_reflection's descriptor database, talking reflection v1."""

    def __init__(self, channel: grpc.Channel):
        super().__init__(channel)
        self._stub = _ReflectionV1Stub(channel)


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------

_work_dir: tempfile.TemporaryDirectory | None = None
_server: ServerProcess | None = None
_channel: grpc.Channel | None = None


def _resolve_binary() -> str:
    binary = BINARY or os.environ.get("KHABAR_BINARY") or str(REPO_ROOT / "target" / "debug" / "khabar")
    path = Path(binary)
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
    if not path.is_file() or not os.access(path, os.X_OK):
        raise RuntimeError(f"khabar binary not found or not executable: {path} (use --binary PATH)")
    return str(path)


def _shutdown() -> int | None:
    """Closes the channel and stops the server; safe to call more than once
    (tearDownModule and atexit both do)."""
    global _channel, _work_dir
    if _channel is not None:
        _channel.close()
        _channel = None
    code = _server.stop() if _server is not None else None
    if _work_dir is not None:
        _work_dir.cleanup()
        _work_dir = None
    return code


def setUpModule() -> None:
    global _work_dir, _server, _channel
    binary = _resolve_binary()
    _work_dir = tempfile.TemporaryDirectory(prefix="khabar-pytest-")
    work = Path(_work_dir.name)
    load_stubs(work / "stubs")
    _server = ServerProcess(binary, work)
    # Stop the server however the run ends: after the tests (tearDownModule),
    # when setUpModule fails (module cleanups still run), or at exit.
    unittest.addModuleCleanup(_shutdown)
    atexit.register(_shutdown)
    _server.start()
    _channel = grpc.insecure_channel(_server.address)
    wait_until_serving(_server, _channel)
    _log(f"khabar is serving on {_server.address}")


def tearDownModule() -> None:
    server = _server
    log = server.log_tail() if server is not None else ""
    code = _shutdown()
    # A graceful shutdown on SIGTERM ends with exit code 0.
    if server is not None and code != 0:
        what = "had to be killed" if code is None else f"exited with code {code}"
        raise AssertionError(f"khabar {what} after SIGTERM; log:\n{log}")


class KhabarClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.assertIsNotNone(_channel, "server not started")
        self.assertTrue(_server.running(), f"khabar is not running; log:\n{_server.log_tail()}")
        self.store = pb_grpc.DocumentStoreStub(_channel)

    # (1)
    def test_health_serving(self) -> None:
        health = health_pb2_grpc.HealthStub(_channel)
        resp = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=RPC_TIMEOUT_S)
        self.assertEqual(resp.status, health_pb2.HealthCheckResponse.SERVING)

    # (2)
    def test_reflection_lists_document_store(self) -> None:
        db = ReflectionV1DescriptorDatabase(_channel)
        services = list(db.get_services())
        self.assertIn(SERVICE_NAME, services, f"reflection v1 listed {services}")
        # A generic client can also fetch the schema and resolve the service
        # with its methods and message types (imports included).
        pool = descriptor_pool.DescriptorPool(db)
        service = pool.FindServiceByName(SERVICE_NAME)
        methods = {m.name: m for m in service.methods}
        self.assertIn("IngestArticle", methods)
        self.assertIn("GetArticle", methods)
        self.assertEqual(methods["GetArticle"].output_type.full_name, "khabar.v1.Article")
        self.assertIn(
            "published_at",
            methods["IngestArticle"].input_type.fields_by_name,
        )

    # (2b)
    def test_reflection_v1alpha_with_the_stock_client(self) -> None:
        # grpcio-reflection's own client speaks v1alpha only, as does
        # grpcurl before 1.9.
        db = proto_reflection_descriptor_database.ProtoReflectionDescriptorDatabase(_channel)
        services = list(db.get_services())
        self.assertIn(SERVICE_NAME, services, f"reflection v1alpha listed {services}")
        pool = descriptor_pool.DescriptorPool(db)
        service = pool.FindServiceByName(SERVICE_NAME)
        self.assertIn("ListArticles", {m.name for m in service.methods})

    # (3)
    def test_ingest_get_and_duplicate(self) -> None:
        published_at = timestamp_pb2.Timestamp(seconds=PUBLISHED_AT_SECONDS)
        request = pb.IngestArticleRequest(text=ARTICLE_TEXT, published_at=published_at)

        first = self.store.IngestArticle(request, timeout=RPC_TIMEOUT_S)
        self.assertTrue(first.created, "first ingest of a new text must create it")
        article_id = first.article.id
        self.assertTrue(article_id, "ingest returned an empty article id")

        got = self.store.GetArticle(pb.GetArticleRequest(id=article_id), timeout=RPC_TIMEOUT_S)
        self.assertEqual(got.id, article_id)
        self.assertIn(ARTICLE_PHRASE, got.body)
        self.assertEqual(got.published_at.seconds, PUBLISHED_AT_SECONDS)
        self.assertEqual(got.published_at_source, types_pb.PUBLISHED_AT_SOURCE_PROVIDED)

        second = self.store.IngestArticle(request, timeout=RPC_TIMEOUT_S)
        self.assertFalse(second.created, "re-ingesting the same text must not create a new article")
        self.assertEqual(second.article.id, article_id)

    # (4)
    def test_get_unknown_article_is_not_found(self) -> None:
        with self.assertRaises(grpc.RpcError) as ctx:
            self.store.GetArticle(pb.GetArticleRequest(id="0" * 64), timeout=RPC_TIMEOUT_S)
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.NOT_FOUND, ctx.exception.details())

    # (5)
    def test_ingest_empty_text_is_invalid_argument(self) -> None:
        with self.assertRaises(grpc.RpcError) as ctx:
            self.store.IngestArticle(pb.IngestArticleRequest(text=""), timeout=RPC_TIMEOUT_S)
        self.assertEqual(ctx.exception.code(), grpc.StatusCode.INVALID_ARGUMENT, ctx.exception.details())


def main() -> None:
    global BINARY
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--binary",
        help="path to the khabar executable (default: $KHABAR_BINARY or target/debug/khabar)",
    )
    args, rest = parser.parse_known_args()
    BINARY = args.binary
    program = unittest.main(argv=[sys.argv[0], *rest], verbosity=2, exit=False)
    result = program.result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    # Errors in module/class fixtures are not among testsRun.
    test_errors = [t for t, _ in result.errors if isinstance(t, unittest.TestCase)]
    passed = (
        result.testsRun
        - len(result.failures)
        - len(test_errors)
        - len(result.skipped)
        - len(result.unexpectedSuccesses)
    )
    # A plain closing line that test-report readers understand, in addition
    # to unittest's own summary. Errors in setUpModule/tearDownModule count
    # as failures.
    summary = f"{max(passed, 0)} passed, {failed} failed"
    if result.skipped:
        summary += f", {len(result.skipped)} skipped"
    print(f"python-client: {summary}", flush=True)
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)


if __name__ == "__main__":
    main()
