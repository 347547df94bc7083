// How an import decides and writes each row. Internal to the crm module: the import service drives
// it chunk by chunk (see import_service.cpp for the transactions and the background worker).
//
// A row goes through two steps:
//  1. prepare (pure, no database, so it runs on another thread while the previous chunk is written):
//     cells -> client card (convert_row) -> the very validation and normalisation of manual entry
//     (normalise_client);
//  2. plan, and in a run write, inside the chunk's transaction: team member and categories resolved,
//     duplicates looked up by the existing rules (normalised phone, e-mail, SIRET) against the base
//     and against the earlier rows of the file, then the policy decides: skip, update the one
//     matching client, or create. A row either writes everything (client, contacts, categories,
//     index, audit) or nothing: every check precedes the first write.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/actor.hpp"
#include "modules/crm/model/client_import.hpp"
#include "modules/crm/model/import_row.hpp"
#include "modules/crm/service/client_writer.hpp"
#include "store/database.hpp"

namespace comptoir::crm::import {

enum class Mode { Preview, Check, Run };

struct Prepared {
    ImportRowRecord record;
    ImportedRow imported;            // normalised client, names to resolve
    std::vector<FieldIssue> issues;  // conversion and validation issues
};

Prepared prepare(const ImportRowRecord& row, const ClientImport& job, const std::string& today);

// What a file row (already decided) left behind for the rows after it.
struct FileRef {
    std::int64_t row_no = 0;
    std::int64_t line = 0;       // where the row is in the file (what people see)
    std::int64_t client_id = 0;  // 0 in a dry run for a client still to create
    std::string client_name;
};

// State carried from row to row and chunk to chunk.
struct EngineState {
    std::unordered_map<std::string, FileRef> seen;  // "phone:+33612345678" -> the row that had it
    std::set<std::string> accounting_codes;         // codes given by earlier rows
    std::map<std::string, std::int64_t> categories; // folded name -> id (negative: still to create)
    bool categories_loaded = false;
    std::map<std::string, std::int64_t> users;      // lower-case e-mail and name -> id (0: ambiguous name)
    bool users_loaded = false;
    std::int64_t next_placeholder = -1;
    std::vector<std::int64_t> created_categories;
    // Undo log of the current chunk, so a chunk rolled back can take its traces out of this state.
    std::vector<std::string> chunk_keys, chunk_codes, chunk_categories;
    std::size_t chunk_created_categories = 0;
    void begin_chunk() {
        chunk_keys.clear();
        chunk_codes.clear();
        chunk_categories.clear();
        chunk_created_categories = created_categories.size();
    }
    void rollback_chunk();
};

// One chunk's writing context (run mode): the rule for new accounting codes, search terms to write
// sorted at the end, the ids created for the batch audit entry.
struct ChunkWrites {
    writer::DeferredTerms terms;
    std::vector<std::int64_t> created_ids;
};

// Plans (and in Run mode writes) one prepared row; fills record.outcome/detail (Run) or
// record.check_outcome/check_detail (Preview, Check).
void process_row(store::Connection& conn, const Actor& actor, const ClientImport& job, Mode mode, EngineState& state,
                 ChunkWrites& writes, writer::References& refs, const AccountingCodeRule& rule, const std::string& now,
                 Prepared& p);

// Ends a run chunk: the chunk's search terms in one sorted write, its audit entries.
void finish_chunk(store::Connection& conn, const Actor& actor, const ClientImport& job, ChunkWrites& writes);

// Why an import cannot be undone (a Conflict naming the clients), or nothing: a client it created or
// updated has since got documents or payments (any registered ClientReference), or was changed since.
std::optional<Error> undo_blockers(store::Connection& conn, const Actor& actor, const ClientImport& job,
                                   const std::vector<ClientReference>& references);
// Removes what the import created and restores what it updated (from the before-images); the caller
// runs it in one transaction after undo_blockers found nothing. The rows of the registered tables that
// do not block an undo (`blocks_undo` false: a duplicates group's members...) go with the clients.
ImportCounts undo(store::Connection& conn, const Actor& actor, const ClientImport& job,
                  const std::vector<ClientReference>& references = {});

}  // namespace comptoir::crm::import
