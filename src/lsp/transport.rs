//! JSON-RPC over stdin and stdout with `Content-Length` framing, on two threads that hand
//! `lsp_server` messages to and from the server's loop. lsp-server's own stdio transport stops
//! reading at the first malformed message; this one reports it on stderr and reads on, so that
//! a client's mistake never ends the session. The connection ends when stdin does.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use lsp_server::{Connection, Message};

/// A message larger than this is read past, not held: no editor sends one.
const MAX_CONTENT_LENGTH: usize = 256 * 1024 * 1024;

/// What one frame of the input held.
#[derive(Debug)]
pub(crate) enum Frame {
    Message(Message),
    /// A frame without a usable length, or whose body is not a JSON-RPC message: why.
    Malformed(String),
}

/// The server's end of a connection over stdio, and the thread that writes its messages (to
/// join, so that every message is out before the process exits). The reading thread is left to
/// end with the process: it may be blocked on stdin.
pub(crate) fn stdio() -> (Connection, thread::JoinHandle<()>) {
    let (server, client) = Connection::memory();
    let Connection { sender: to_server, receiver: from_server } = client;
    thread::spawn(move || {
        let mut input = io::stdin().lock();
        loop {
            match read_frame(&mut input) {
                Ok(Some(Frame::Message(message))) => {
                    if to_server.send(message).is_err() {
                        break;
                    }
                }
                Ok(Some(Frame::Malformed(why))) => eprintln!("status-audit lsp: ignored a malformed message: {why}"),
                // End of input, or input that cannot be read: the client is gone.
                Ok(None) | Err(_) => break,
            }
        }
    });
    let writer = thread::spawn(move || {
        let mut output = io::stdout().lock();
        let mut open = true;
        // Once stdout is closed, messages are still taken (and dropped), so that the server's
        // loop never blocks on them.
        for message in from_server {
            if open {
                open = message.write(&mut output).and_then(|()| output.flush()).is_ok();
            }
        }
    });
    (server, writer)
}

/// Reads one frame: headers up to an empty line, then `Content-Length` bytes. `None` at the end
/// of the input. Header lines other than `Content-Length` are passed over, as are lines that are
/// not headers at all.
pub(crate) fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length = None;
    let mut line = String::new();
    let mut read_any = false;
    loop {
        line.clear();
        let mut bytes = Vec::new();
        if input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        line.push_str(&String::from_utf8_lossy(&bytes));
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if read_any {
                break;
            }
            continue;
        }
        read_any = true;
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Some(Frame::Malformed("no valid Content-Length header".to_string())));
    };
    if length > MAX_CONTENT_LENGTH {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Frame::Malformed(format!("a body of {length} bytes"))));
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Ok(None);
    }
    Ok(Some(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Frame::Message(message),
        Err(error) => Frame::Malformed(format!("not a JSON-RPC message: {error}")),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `body` in a frame, as a client writes it.
    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn frames(input: &str) -> Vec<String> {
        let mut input = io::Cursor::new(input.as_bytes().to_vec());
        let mut read = Vec::new();
        while let Some(frame) = read_frame(&mut input).unwrap() {
            read.push(match frame {
                Frame::Message(Message::Request(request)) => format!("request {}", request.method),
                Frame::Message(Message::Notification(notification)) => format!("notification {}", notification.method),
                Frame::Message(Message::Response(_)) => "response".to_string(),
                Frame::Malformed(_) => "malformed".to_string(),
            });
        }
        read
    }

    #[test]
    fn reads_on_past_malformed_frames() {
        let exit = frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let shutdown = frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        let input = format!(
            "{}{}garbage line\r\n\r\n{}Content-Type: x\r\n{}",
            frame("{not json"),
            frame(r#"{"valid": "json, but no message"}"#),
            shutdown,
            exit.replacen("Content-Length", "content-length", 1),
        );
        assert_eq!(frames(&input), ["malformed", "malformed", "malformed", "request shutdown", "notification exit"]);
    }

    #[test]
    fn a_body_cut_short_ends_the_input() {
        assert!(frames("Content-Length: 100\r\n\r\n{}").is_empty());
        assert!(frames("").is_empty());
    }
}
