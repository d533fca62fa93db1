//! When to try a failed load again: exponential backoff with a cap, and a
//! server's `Retry-After` honoured up to a limit.
//!
//! Pure arithmetic, no timers: the widget asks [`RetryPolicy::delay_seconds`]
//! after each failure and counts the answer down on screen ("Thử lại sau N
//! giây…"). Only transient failures ([`LoadError::is_transient`]: network,
//! timeout, 408/425/429/5xx) are retried; a 404, a 410, a wrong content type
//! or an invalid document is final until the reader presses the button.

use crate::load::LoadError;

/// How automatic retries are spaced and bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Automatic retries after the first attempt; then the widget waits for
    /// the reader's button.
    pub max_retries: u32,
    /// Delay before the first retry, in seconds; doubled for each next one.
    pub base_seconds: u32,
    /// Longest backoff delay, in seconds.
    pub max_backoff_seconds: u32,
    /// Longest wait a server's `Retry-After` can ask for; a longer request
    /// ends automatic retries (the reader can still press the button).
    pub max_retry_after_seconds: u32,
}

impl RetryPolicy {
    /// The widget's policy: retries after about 1, 2, 4 and 8 seconds
    /// (at most 30 s each), and a `Retry-After` of up to 2 minutes.
    pub const DEFAULT: RetryPolicy = RetryPolicy {
        max_retries: 4,
        base_seconds: 1,
        max_backoff_seconds: 30,
        max_retry_after_seconds: 120,
    };

    /// The backoff before retry number `retries_done + 1`, without jitter.
    pub fn backoff_seconds(&self, retries_done: u32) -> u32 {
        let factor = 1u32.checked_shl(retries_done.min(31)).unwrap_or(u32::MAX);
        self.base_seconds
            .saturating_mul(factor)
            .min(self.max_backoff_seconds)
    }

    /// Seconds to wait before the next automatic retry after `error`, or
    /// `None` when the widget should stop and show the error with its retry
    /// button: the error is not transient, `retries_done` reached
    /// [`max_retries`](Self::max_retries), or the server asked for a longer
    /// wait than [`max_retry_after_seconds`](Self::max_retry_after_seconds).
    ///
    /// `jitter` in `[0, 1)` (e.g. `Math.random()`) adds up to a quarter of
    /// the backoff, so many widgets on many pages do not retry in lockstep.
    /// A `Retry-After` sets the minimum wait; backoff can only lengthen it.
    pub fn delay_seconds(&self, retries_done: u32, error: &LoadError, jitter: f64) -> Option<u32> {
        if !error.is_transient() || retries_done >= self.max_retries {
            return None;
        }
        let backoff = self.backoff_seconds(retries_done);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 0.999)
        } else {
            0.0
        };
        // Quarter of the backoff, scaled by jitter; at most 7 s for a 30 s cap.
        // The value is finite and not negative, so the cast rounds down.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let extra = (f64::from(backoff) * 0.25 * jitter) as u32;
        let backoff = backoff.saturating_add(extra).max(1);
        match error {
            LoadError::Status {
                retry_after: Some(asked),
                ..
            } => (*asked <= self.max_retry_after_seconds).then(|| (*asked).max(backoff)),
            _ => Some(backoff),
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::ParseError;

    fn status(code: u16, retry_after: Option<u32>) -> LoadError {
        LoadError::Status { code, retry_after }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::DEFAULT;
        let delays: Vec<u32> = (0..8).map(|n| p.backoff_seconds(n)).collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(p.backoff_seconds(u32::MAX), 30);
    }

    #[test]
    fn transient_errors_retry_until_the_limit() {
        let p = RetryPolicy::DEFAULT;
        let e = LoadError::Network("reset".into());
        let delays: Vec<Option<u32>> = (0..5).map(|n| p.delay_seconds(n, &e, 0.0)).collect();
        assert_eq!(delays, [Some(1), Some(2), Some(4), Some(8), None]);
        assert_eq!(
            p.delay_seconds(0, &LoadError::Timeout { seconds: 15 }, 0.0),
            Some(1)
        );
        assert_eq!(p.delay_seconds(1, &status(500, None), 0.0), Some(2));
        assert_eq!(p.delay_seconds(0, &status(429, None), 0.0), Some(1));
        assert_eq!(p.delay_seconds(0, &status(408, None), 0.0), Some(1));
    }

    #[test]
    fn final_errors_never_retry() {
        let p = RetryPolicy::DEFAULT;
        for e in [
            status(404, None),
            status(410, Some(5)),
            status(403, None),
            LoadError::ContentType("text/html".into()),
            LoadError::Parse(ParseError::Empty),
            LoadError::NoSource,
        ] {
            assert_eq!(p.delay_seconds(0, &e, 0.0), None, "{e:?}");
        }
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let p = RetryPolicy::DEFAULT;
        assert_eq!(p.delay_seconds(0, &status(503, Some(7)), 0.0), Some(7));
        // Backoff can only lengthen the server's wait.
        assert_eq!(p.delay_seconds(3, &status(503, Some(2)), 0.0), Some(8));
        assert_eq!(p.delay_seconds(0, &status(503, Some(0)), 0.0), Some(1));
        assert_eq!(p.delay_seconds(0, &status(503, Some(120)), 0.0), Some(120));
        assert_eq!(p.delay_seconds(0, &status(503, Some(121)), 0.0), None);
    }

    #[test]
    fn jitter_adds_at_most_a_quarter() {
        let p = RetryPolicy {
            max_retries: 10,
            ..RetryPolicy::DEFAULT
        };
        let e = LoadError::Network(String::new());
        assert_eq!(p.delay_seconds(3, &e, 0.99), Some(9));
        assert_eq!(p.delay_seconds(5, &e, 0.99), Some(37));
        assert_eq!(p.delay_seconds(5, &e, f64::NAN), Some(30));
        assert_eq!(p.delay_seconds(5, &e, -3.0), Some(30));
        assert_eq!(p.delay_seconds(5, &e, 7.0), Some(37));
    }
}
