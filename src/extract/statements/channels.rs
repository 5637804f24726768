//! The channel (tweet, statement, press conference…) each token of an
//! article names, read once per token on first use: the statement finder
//! looks back over the same words for every cue of a sentence.
//!
//! Part of the statement finder; it caches `cues::channel_of` answers
//! and decides nothing itself.

use crate::proto::v1::Channel;
use std::cell::Cell;

/// The channel each token names, filled on first use: 0 not read yet,
/// 1 none, 2 + the channel's number otherwise.
pub(super) struct ChannelCache(Vec<Cell<u8>>);

impl ChannelCache {
    pub(super) fn new(tokens: usize) -> Self {
        Self(vec![Cell::new(0); tokens])
    }

    /// The cached channel of token `index`, or `read()` stored for next
    /// time (an index past the tokens is read every time).
    pub(super) fn get_or_read(
        &self,
        index: usize,
        read: impl FnOnce() -> Option<Channel>,
    ) -> Option<Channel> {
        let Some(slot) = self.0.get(index) else {
            return read();
        };
        match slot.get() {
            0 => {
                let channel = read();
                let code =
                    channel.map_or(1, |channel| u8::try_from(channel as i32 + 2).unwrap_or(0));
                slot.set(code);
                channel
            }
            1 => None,
            code => Channel::try_from(i32::from(code) - 2).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ChannelCache;
    use crate::proto::v1::Channel;
    use std::cell::Cell;

    #[test]
    fn each_token_is_read_once_and_every_channel_round_trips() {
        let channels = [
            None,
            Some(Channel::Tweet),
            Some(Channel::Statement),
            Some(Channel::PressConference),
            Some(Channel::Interview),
            Some(Channel::Television),
        ];
        let cache = ChannelCache::new(channels.len());
        let reads = Cell::new(0);
        for _ in 0..2 {
            for (index, channel) in channels.iter().enumerate() {
                let read = || {
                    reads.set(reads.get() + 1);
                    *channel
                };
                assert_eq!(cache.get_or_read(index, read), *channel, "{index}");
            }
        }
        assert_eq!(reads.get(), channels.len(), "the second round is cached");
        // Past the tokens nothing is stored: read every time.
        assert_eq!(
            cache.get_or_read(99, || Some(Channel::Tweet)),
            Some(Channel::Tweet)
        );
        assert_eq!(cache.get_or_read(99, || None), None);
    }
}
