//! The gRPC codec of the `khabar.v1` services: prost encoding, with decode
//! failures reported as the fault of whoever sent the bytes.
//!
//! tonic's stock prost codec answers INTERNAL for any message that does not
//! decode, which tells a client with a stale or broken schema that the
//! server has a bug. Here a request that does not decode (truncated field,
//! invalid UTF-8, bad wire type...) is INVALID_ARGUMENT naming the message
//! type. On the client side, an undecodable *response* stays INTERNAL, as
//! the gRPC status code table asks. build.rs points the generated server
//! and client at `KhabarCodec`. This module must not look inside messages.

use prost::Message;
use std::marker::PhantomData;
use tonic::Status;
use tonic::codec::{BufferSettings, Codec, DecodeBuf, Decoder};
use tonic_prost::ProstEncoder;

/// Encodes `T` and decodes `U` with prost.
#[derive(Debug, Clone, Copy)]
pub struct KhabarCodec<T, U> {
    types: PhantomData<(T, U)>,
}

impl<T, U> Default for KhabarCodec<T, U> {
    fn default() -> Self {
        KhabarCodec { types: PhantomData }
    }
}

impl<T, U> Codec for KhabarCodec<T, U>
where
    T: Message + Send + 'static,
    U: Message + Default + Send + 'static,
{
    type Encode = T;
    type Decode = U;
    type Encoder = ProstEncoder<T>;
    type Decoder = KhabarDecoder<U>;

    fn encoder(&mut self) -> Self::Encoder {
        ProstEncoder::default()
    }

    fn decoder(&mut self) -> Self::Decoder {
        KhabarDecoder {
            message: PhantomData,
        }
    }
}

/// Decodes `U`, mapping prost's errors with [`decode_failure`].
#[derive(Debug, Clone, Copy)]
pub struct KhabarDecoder<U> {
    message: PhantomData<U>,
}

impl<U: Message + Default> Decoder for KhabarDecoder<U> {
    type Item = U;
    type Error = Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<U>, Status> {
        U::decode(buf)
            .map(Some)
            .map_err(|error| decode_failure(short_type_name::<U>(), &error))
    }

    fn buffer_settings(&self) -> BufferSettings {
        BufferSettings::default()
    }
}

/// `IngestArticleRequest` for `khabar::proto::v1::IngestArticleRequest`.
fn short_type_name<U>() -> &'static str {
    let full = std::any::type_name::<U>();
    full.rsplit("::").next().unwrap_or(full)
}

/// The status for a message of type `name` that did not decode. Every
/// request message of the service is named `…Request` and no response is,
/// so the name tells which side sent the bytes.
pub fn decode_failure(name: &str, error: &prost::DecodeError) -> Status {
    if name.ends_with("Request") {
        Status::invalid_argument(format!(
            "the request could not be decoded as khabar.v1.{name}: {error}; check that the client uses the khabar.v1 protos"
        ))
    } else {
        Status::internal(format!(
            "the response could not be decoded as khabar.v1.{name}: {error}; check that client and server use the same khabar.v1 protos"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::v1::{Article, IngestArticleRequest};

    fn decode_as<U: Message + Default>(bytes: &[u8]) -> Result<U, Status> {
        U::decode(bytes).map_err(|error| decode_failure(short_type_name::<U>(), &error))
    }

    #[test]
    fn undecodable_requests_are_the_callers_fault() {
        // Field 1 (text), length 2, bytes that are not UTF-8.
        let invalid_utf8 = [0x0a, 0x02, 0xff, 0xfe];
        let status = decode_as::<IngestArticleRequest>(&invalid_utf8).expect_err("rejected");
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert!(
            status.message().contains("khabar.v1.IngestArticleRequest"),
            "{}",
            status.message()
        );
        // A length-delimited field cut short.
        let truncated = [0x0a, 0x10, b'a'];
        let status = decode_as::<IngestArticleRequest>(&truncated).expect_err("rejected");
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
    }

    #[test]
    fn undecodable_responses_stay_internal() {
        let status = decode_as::<Article>(&[0x0a, 0x10, b'a']).expect_err("rejected");
        assert_eq!(status.code(), tonic::Code::Internal);
        assert!(status.message().contains("khabar.v1.Article"));
    }

    /// `decode_failure` tells the sides apart by name: every method's input
    /// must be named `…Request` and no output may be.
    #[test]
    fn request_and_response_names_follow_the_convention() {
        let descriptors =
            prost_types::FileDescriptorSet::decode(crate::proto::v1::FILE_DESCRIPTOR_SET)
                .expect("descriptor set decodes");
        let methods: Vec<_> = descriptors
            .file
            .iter()
            .flat_map(|file| &file.service)
            .flat_map(|service| &service.method)
            .collect();
        assert!(!methods.is_empty());
        for method in methods {
            assert!(method.input_type().ends_with("Request"), "{method:?}");
            assert!(!method.output_type().ends_with("Request"), "{method:?}");
        }
    }

    #[test]
    fn type_names_are_shortened() {
        assert_eq!(
            short_type_name::<IngestArticleRequest>(),
            "IngestArticleRequest"
        );
    }
}
