//! Compiles the protobuf schemas with protox (pure Rust, no system protoc),
//! generates the prost messages, the tonic service and serde impls (proto3
//! JSON mapping via pbjson), and writes the descriptor set used by server
//! reflection. The generated services use `crate::codec::KhabarCodec`.

use std::path::PathBuf;

const PROTO_FILES: &[&str] = &[
    "proto/google/rpc/status.proto",
    "proto/khabar/v1/types.proto",
    "proto/khabar/v1/service.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for file in PROTO_FILES {
        println!("cargo:rerun-if-changed={file}");
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let descriptor_set = protox::compile(PROTO_FILES, ["proto"])?;

    let descriptor_path = out_dir.join("khabar_descriptor.bin");
    std::fs::write(
        &descriptor_path,
        prost::Message::encode_to_vec(&descriptor_set),
    )?;

    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_well_known_types(true)
        // Undecodable requests answer INVALID_ARGUMENT, not INTERNAL.
        .codec_path("crate::codec::KhabarCodec")
        .extern_path(".google.protobuf", "::pbjson_types")
        .compile_fds(descriptor_set)?;

    pbjson_build::Builder::new()
        .register_descriptors(&std::fs::read(&descriptor_path)?)?
        .build(&[".khabar.v1"])?;
    Ok(())
}
