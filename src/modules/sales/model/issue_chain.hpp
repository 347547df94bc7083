// Tamper evidence for issued documents. Each company has one chain of entries: a document's entry
// when it is validated (its frozen content as canonical JSON: fixed key order, exact amounts as
// integers), and its PDF's entry once rendered (the SHA-256 of the stored bytes). Each entry's hash
// covers the previous entry's hash, its position and its content. `comptoir verify` recomputes the
// chain: an edited amount, a deleted document, a replaced PDF or a removed entry breaks it there.
//
// The PDF has an entry of its own, rather than its hash inside the document's, so that rendering
// (milliseconds of layout) happens after the validating transaction instead of inside it, where it
// would hold the numbering lock and cap validations to one rendering at a time.
#pragma once

#include <string>

#include "modules/sales/model/document.hpp"

namespace comptoir::sales {

// Everything the document says, as issued. Excludes what may legitimately change after issue:
// status (sent, accepted, paid…), archiving and the update timestamps.
std::string canonical_content(const Document& d);

// The content of a PDF's entry.
std::string pdf_entry_content(std::int64_t document_id, const std::string& number, const std::string& pdf_sha256);

// SHA-256 (hex) of the previous hash, the chain position and the content.
std::string chain_hash(const std::string& previous_hash, std::int64_t seq, const std::string& canonical);

}  // namespace comptoir::sales
