"""Puts the same documents through khabar and etcd with one client.

Both servers get the same files, the same number of concurrent clients (each
its own gRPC channel) and the same Python grpc.aio client, so the comparison
measures the servers. khabar stores a document with IngestArticle (extracted,
indexed, logged, fsynced before the answer); etcd with KV.Put (raft log,
fsynced before the answer). Prints one JSON object per run.

    python side_by_side.py --target khabar --address 127.0.0.1:50051 \
        --documents DIR --clients 16 [--count N]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path

import grpc
from grpc_tools import protoc

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent


def compile_stubs() -> Path:
    """Generates Python stubs for khabar's protos and the etcd KV subset."""
    output = Path(tempfile.mkdtemp(prefix="bench-stubs-"))
    well_known = Path(protoc.__file__).parent / "_proto"
    for include, files in [
        (REPOSITORY / "proto", ["khabar/v1/types.proto", "khabar/v1/service.proto",
                                "google/rpc/status.proto"]),
        (HERE, ["etcd_kv.proto"]),
    ]:
        arguments = ["protoc", f"-I{include}", f"-I{well_known}",
                     f"--python_out={output}", f"--grpc_python_out={output}", *files]
        if protoc.main(arguments) != 0:
            sys.exit(f"cannot compile {files}")
    sys.path.insert(0, str(output))
    return output


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


async def run(target: str, address: str, documents: list[tuple[str, bytes]], clients: int) -> dict:
    if target == "khabar":
        service = importlib.import_module("khabar.v1.service_pb2")
        stubs = importlib.import_module("khabar.v1.service_pb2_grpc")
        make_stub = stubs.DocumentStoreStub

        def call(stub, name, text):
            return stub.IngestArticle(service.IngestArticleRequest(text=text.decode(), source="bench"))
    else:
        kv = importlib.import_module("etcd_kv_pb2")
        stubs = importlib.import_module("etcd_kv_pb2_grpc")
        make_stub = stubs.KVStub

        def call(stub, name, text):
            return stub.Put(kv.PutRequest(key=name.encode(), value=text))

    options = [("grpc.max_send_message_length", 64 << 20),
               ("grpc.max_receive_message_length", 64 << 20)]
    channels = [grpc.aio.insecure_channel(address, options=options) for _ in range(clients)]
    queue: asyncio.Queue = asyncio.Queue()
    for document in documents:
        queue.put_nowait(document)
    latencies: list[float] = []
    errors: dict[str, int] = {}

    async def worker(channel) -> None:
        stub = make_stub(channel)
        while True:
            try:
                name, text = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            started = time.perf_counter()
            try:
                await call(stub, name, text)
                latencies.append(time.perf_counter() - started)
            except grpc.aio.AioRpcError as error:
                errors[error.code().name] = errors.get(error.code().name, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(channel) for channel in channels))
    elapsed = time.perf_counter() - started
    for channel in channels:
        await channel.close()
    latencies.sort()
    return {
        "target": target,
        "clients": clients,
        "documents": len(documents),
        "ok": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 3),
        "docs_per_second": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "bytes": sum(len(text) for _, text in documents),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", choices=["khabar", "etcd"], required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--documents", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--count", type=int, default=0, help="0: every file")
    arguments = parser.parse_args()
    compile_stubs()
    files = sorted(arguments.documents.iterdir())
    if arguments.count:
        files = files[: arguments.count]
    documents = [(path.name, path.read_bytes()) for path in files]
    result = asyncio.run(run(arguments.target, arguments.address, documents, arguments.clients))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
