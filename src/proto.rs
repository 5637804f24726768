//! The generated protobuf types (the domain types of every layer), the gRPC
//! service stubs, and serde impls following the proto3 JSON mapping.
//!
//! Nothing is hand-written here: it only includes what build.rs generated.

/// The standard rich error model (`google.rpc.Status`), for errors that
/// carry typed details.
#[allow(clippy::all, clippy::pedantic, missing_docs)]
pub mod rpc {
    include!(concat!(env!("OUT_DIR"), "/google.rpc.rs"));
}

#[allow(clippy::all, clippy::pedantic, missing_docs)]
pub mod v1 {
    include!(concat!(env!("OUT_DIR"), "/khabar.v1.rs"));
    include!(concat!(env!("OUT_DIR"), "/khabar.v1.serde.rs"));

    /// Encoded `FileDescriptorSet` of the khabar protos, for server reflection.
    pub const FILE_DESCRIPTOR_SET: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/khabar_descriptor.bin"));
}
