//! The floor the stages are compared with: a bare quick-xml event walk over the same bytes.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Reads every event and touches every attribute, as the cheapest possible reader would.
pub fn bare_walk(text: &str) -> usize {
    let mut reader = Reader::from_str(text);
    let mut count = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                count += e.attributes().flatten().count() + 1;
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
    count
}
