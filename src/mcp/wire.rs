//! The stdio lines under rmcp. Every line the client sends is looked at
//! before rmcp reads it, so that what JSON-RPC calls a parse error or an
//! invalid request gets the error reply the spec asks for (rmcp drops such
//! a line without a word, and the client waits forever), and a line too
//! long is refused without ever being held whole. rmcp's replies and these
//! errors reach stdout one whole line at a time.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;

/// The longest message taken: far above any tool call (a whole roadmap
/// document as an argument is well under it), far below what would
/// exhaust memory.
pub const MAX_LINE: usize = 4 * 1024 * 1024;

/// What a client's line is.
#[derive(Debug, PartialEq)]
enum Line {
    /// A message for rmcp.
    Message,
    /// Nothing (a blank line between messages).
    Blank,
    /// An error reply to send instead.
    Refused(Value),
}

fn error(id: Value, code: i64, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

/// JSON-RPC 2.0 error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const INVALID_PARAMS: i64 = -32602;

fn classify(line: &[u8]) -> Line {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Line::Blank;
    }
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(e) => {
            return Line::Refused(error(
                Value::Null,
                PARSE_ERROR,
                &format!("parse error: {e}"),
            ));
        }
    };
    let Value::Object(message) = &value else {
        let what = if value.is_array() {
            "a batch (an array) is not supported: send one message per line"
        } else {
            "a message is a JSON object"
        };
        return Line::Refused(error(Value::Null, INVALID_REQUEST, what));
    };
    // An id must be a string, an integer or null: anything else is not
    // one the reply could carry back.
    let id = match message.get("id") {
        None => Value::Null,
        Some(id @ (Value::String(_) | Value::Null)) => id.clone(),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Value::Number(n.clone()),
        Some(_) => {
            return Line::Refused(error(
                Value::Null,
                INVALID_REQUEST,
                "an id is a string or an integer",
            ));
        }
    };
    let is_reply = message.contains_key("result") || message.contains_key("error");
    match message.get("method") {
        Some(Value::String(method)) => {
            if method == "tools/call"
                && let Some(arguments) = message.get("params").and_then(|p| p.get("arguments"))
                && !arguments.is_object()
                && !arguments.is_null()
            {
                return Line::Refused(error(
                    id,
                    INVALID_PARAMS,
                    "a tool's arguments are a JSON object of named values",
                ));
            }
            Line::Message
        }
        Some(_) => Line::Refused(error(id, INVALID_REQUEST, "the method is a string")),
        None if is_reply => Line::Message,
        None => Line::Refused(error(id, INVALID_REQUEST, "a request names its method")),
    }
}

/// Reads one line into `line` (without its end), at most `MAX_LINE`
/// bytes of it: `Ok(None)` at the end of input, `Ok(Some(false))` for a
/// line too long (the rest of it read and thrown away).
async fn next_line<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut too_long = false;
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok((!line.is_empty() || too_long).then_some(!too_long));
        }
        let (taken, ends) = match available.iter().position(|b| *b == b'\n') {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        let part = &available[..if ends { taken - 1 } else { taken }];
        if !too_long && line.len() + part.len() <= MAX_LINE {
            line.extend_from_slice(part);
        } else {
            too_long = true;
            line.clear();
        }
        reader.consume(taken);
        if ends {
            return Ok(Some(!too_long));
        }
    }
}

/// The pair rmcp serves on: what it reads (the client's good lines) and
/// where it writes; the tasks moving lines between them and stdio run on
/// the current runtime.
pub fn transport() -> (DuplexStream, DuplexStream) {
    transport_over(tokio::io::stdin(), tokio::io::stdout())
}

fn transport_over<R, W>(input: R, output: W) -> (DuplexStream, DuplexStream)
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (to_rmcp, rmcp_reads) = tokio::io::duplex(64 * 1024);
    let (rmcp_writes, from_rmcp) = tokio::io::duplex(64 * 1024);
    let (errors, mut error_lines) = mpsc::unbounded_channel::<Value>();
    tokio::spawn(async move {
        let mut to_rmcp = to_rmcp;
        let mut reader = BufReader::new(input);
        let mut line = Vec::new();
        while let Ok(Some(whole)) = next_line(&mut reader, &mut line).await {
            if !whole {
                let too_long = format!("a message is at most {MAX_LINE} bytes");
                let _ = errors.send(error(Value::Null, INVALID_REQUEST, &too_long));
                continue;
            }
            match classify(&line) {
                Line::Blank => {}
                Line::Refused(reply) => {
                    let _ = errors.send(reply);
                }
                Line::Message => {
                    line.push(b'\n');
                    if to_rmcp.write_all(&line).await.is_err() {
                        break;
                    }
                }
            }
        }
        // The end of input reaches rmcp, which then stops.
        let _ = to_rmcp.shutdown().await;
    });
    tokio::spawn(async move {
        let mut output = output;
        let mut replies = BufReader::new(from_rmcp);
        let mut reply = Vec::new();
        loop {
            tokio::select! {
                read = replies.read_until(b'\n', &mut reply) => {
                    match read {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {
                            if output.write_all(&reply).await.is_err() { break; }
                            let _ = output.flush().await;
                            reply.clear();
                        }
                    }
                }
                Some(refusal) = error_lines.recv() => {
                    let line = format!("{refusal}\n");
                    if output.write_all(line.as_bytes()).await.is_err() { break; }
                    let _ = output.flush().await;
                }
            }
        }
    });
    (rmcp_reads, rmcp_writes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(line: &str) -> Value {
        match classify(line.as_bytes()) {
            Line::Refused(reply) => reply,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn what_json_rpc_refuses_is_answered_by_its_code() {
        assert_eq!(refused("{not json")["error"]["code"], PARSE_ERROR);
        assert_eq!(
            refused(r#"{"jsonrpc":"2.0","id":1e400,"method":"ping"}"#)["error"]["code"],
            PARSE_ERROR
        );
        assert_eq!(refused("[1,2]")["error"]["code"], INVALID_REQUEST);
        assert_eq!(refused(r#"{"jsonrpc":"2.0","id":7}"#)["id"], 7);
        let arguments = refused(
            r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"start","arguments":["F4"]}}"#,
        );
        assert_eq!(arguments["error"]["code"], INVALID_PARAMS);
        assert_eq!(arguments["id"], 3);
        assert_eq!(classify(b"  "), Line::Blank);
        assert_eq!(
            classify(br#"{"jsonrpc":"2.0","id":"a","method":"ping"}"#),
            Line::Message
        );
    }

    #[tokio::test]
    async fn a_line_too_long_is_refused_without_being_held() {
        let mut input = vec![b'x'; MAX_LINE + 10];
        input.extend_from_slice(b"\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n");
        let mut reader = BufReader::new(&input[..]);
        let mut line = Vec::new();
        assert_eq!(
            next_line(&mut reader, &mut line).await.unwrap(),
            Some(false)
        );
        assert!(line.len() <= MAX_LINE);
        assert_eq!(next_line(&mut reader, &mut line).await.unwrap(), Some(true));
        assert_eq!(classify(&line), Line::Message);
        assert_eq!(next_line(&mut reader, &mut line).await.unwrap(), None);
    }
}
