#include "modules/crm/storage/fulltext_index.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include <pthread.h>
#include <sched.h>

#include "modules/crm/storage/client_store.hpp"
#include "store/bulk_insert.hpp"

namespace comptoir::crm::storage {
namespace {

using store::Value;

// Bumped when the file's layout changes: a file of another format is rebuilt.
constexpr std::int64_t kFormat = 1;
// Documents (or logged changes) indexed per transaction of the file. FTS5 keeps a transaction's terms
// in memory and writes them as one segment at commit: large enough for few segments, small enough to
// keep that memory bounded while a million documents are indexed.
constexpr std::int64_t kChunk = 20000;
// How often the thread looks for changes. A search does not wait for it: it indexes what it needs.
constexpr auto kPoll = std::chrono::milliseconds(200);

// The ascii tokenizer splits on spaces and on ASCII punctuation outside `tokenchars`, which lists what
// an e-mail address may hold, so every stored term stays one token. detail=none: only which clients
// hold a term is kept (no positions), the smallest and fastest form. Prefix indexes up to 4
// characters: without them, counting the clients of a common prefix ("jean", "mart") merged the lists
// of every term starting with it, 8 ms at a million clients instead of 1.4; a longer word is counted
// from its own list first (search_index.cpp). automerge=16: segments are merged 16 at a time instead
// of 4, a third less indexing work in a bulk load, with no measurable cost to lookups.
// `docs` holds the terms as indexed: an external-content FTS5 table removes a document given them.
constexpr const char* kSchema = R"SQL(
CREATE TABLE index_state (format INTEGER NOT NULL, source TEXT NOT NULL, indexed_seq INTEGER NOT NULL);
CREATE TABLE docs (id INTEGER PRIMARY KEY, terms TEXT NOT NULL);
CREATE VIRTUAL TABLE client_search USING fts5(
  terms, content='docs', content_rowid='id', detail=none, columnsize=0, prefix='1 2 3 4',
  tokenize="ascii tokenchars '.-@_+!#$%&*/=?^`{|}~'''");
INSERT INTO client_search (client_search, rank) VALUES ('automerge', 16);
)SQL";

void add_documents(store::Connection& file, const std::vector<store::Row>& docs) {
    if (docs.empty()) return;
    std::vector<std::vector<Value>> rows;
    rows.reserve(docs.size());
    for (const auto& d : docs) rows.push_back({d.int64(0), d.text(1)});
    store::insert_rows(file, "docs", {"id", "terms"}, rows);
    store::insert_rows(file, "client_search", {"rowid", "terms"}, rows);
}

void remove_files(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
}

}  // namespace

std::string FulltextIndex::path_beside(const std::string& database_path) { return database_path + ".search"; }

FulltextIndex::FulltextIndex(store::Database& main, std::string path) : main_(main), path_(std::move(path)) {
    open_file();
    thread_ = std::thread([this] { run(); });
}

FulltextIndex::~FulltextIndex() {
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

// Keeps the file when it is this database's index, in this format, and not ahead of the database (a
// database restored from an older copy); otherwise starts an empty one, which the thread fills.
// The file is read before the database: another process (a server) may be indexing meanwhile, and
// the file only ever mirrors what the database held earlier, so read in that order it is never ahead.
void FulltextIndex::open_file() {
    const std::string token = main_.acquire()->query_one("SELECT token FROM client_search_source")->text(0);
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            file_ = store::open_database(path_, 4);
            auto f = file_->acquire();
            // Created under the file's write lock: two processes starting together create it once.
            f->begin(true);
            if (f->query_one("SELECT COUNT(*) FROM sqlite_master")->int64(0) == 0) {
                f->execute_script(kSchema);
                f->execute("INSERT INTO index_state (format, source, indexed_seq) VALUES (?, ?, 0)", {kFormat, token});
                f->commit();
                return;
            }
            f->rollback();
            f->begin(false);  // the state and the highest id of one moment
            auto state = f->query_one("SELECT format, source, indexed_seq FROM index_state");
            const std::int64_t top = f->query_one("SELECT COALESCE(MAX(id), 0) FROM docs")->int64(0);
            f->commit();
            const Pending database = pending_in(*main_.acquire());
            // A document above the database's highest is only expected while its removal is pending.
            const bool mine = state && state->int64(0) == kFormat && state->text(1) == token &&
                              state->int64(2) <= database.seq && (top <= database.doc_id || state->int64(2) < database.seq);
            if (mine) {
                indexed_seq_ = state->int64(2);
                indexed_id_ = top;
                return;
            }
            std::cerr << "warning: search index " << path_
                      << " is of another format, or of another copy of the database; rebuilding it\n";
        } catch (const store::DatabaseError& e) {
            // Not a database (a damaged file): it is only an index, so it is started again.
            std::cerr << "warning: search index " << path_ << ": " << e.what() << "; rebuilding it\n";
        }
        file_.reset();
        remove_files(path_);
    }
    throw store::DatabaseError("cannot set up the search index file " + path_);
}

FulltextIndex::Pending FulltextIndex::pending_in(store::Connection& conn) {
    auto row = conn.query_one("SELECT (SELECT COALESCE(MAX(id), 0) FROM client_search_docs), "
                              "(SELECT COALESCE(MAX(seq), 0) FROM client_search_changes)");
    return {row->int64(0), row->int64(1)};
}

bool FulltextIndex::behind(const Pending& now) const { return now.doc_id > indexed_id_ || now.seq > indexed_seq_; }

void FulltextIndex::catch_up(store::Connection& conn) {
    const Pending target = pending_in(conn);
    if (!behind(target)) return;
    std::lock_guard lock(indexing_);
    while (behind(target) && !stopping_ && index_chunk(conn)) {
    }
}

void FulltextIndex::catch_up() { catch_up(*main_.acquire()); }

// The new documents above the highest indexed, then the logged changes to documents indexed (a
// change to one not indexed yet needs nothing: it is added later as it then is). Both are written
// with the log position reached, in one transaction of the file.
//
// No snapshot of the database is needed: a change is logged in the transaction that makes it, so a
// document read before a change is replaced when the change's entry is read, now or in a later chunk;
// replacing a document by its current terms can be repeated at will.
bool FulltextIndex::index_chunk(store::Connection& db) {
    std::int64_t top = 0, seq = 0;
    const bool progressed = store::with_transaction(*file_, true, [&](store::Connection& f) {
        const std::int64_t from_seq = f.query_one("SELECT indexed_seq FROM index_state")->int64(0);
        const std::int64_t from_id = f.query_one("SELECT COALESCE(MAX(id), 0) FROM docs")->int64(0);
        const auto fresh =
            db.query("SELECT id, terms FROM client_search_docs WHERE id > ? ORDER BY id LIMIT ?", {from_id, kChunk});
        add_documents(f, fresh);
        const std::int64_t upto = fresh.empty() ? from_id : fresh.back().int64(0);

        const auto changes = db.query(
            "SELECT seq, client_id FROM client_search_changes WHERE seq > ? ORDER BY seq LIMIT ?", {from_seq, kChunk});
        std::vector<std::int64_t> changed;
        for (const auto& c : changes)
            if (c.int64(1) <= upto) changed.push_back(c.int64(1));
        std::sort(changed.begin(), changed.end());
        changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
        if (!changed.empty()) {
            // One list bound as one parameter, whatever its length (at most a chunk).
            const std::string in = id_in(store::Dialect::Sqlite);
            const std::string list = id_list_value(store::Dialect::Sqlite, changed);
            f.execute("INSERT INTO client_search (client_search, rowid, terms) SELECT 'delete', id, terms FROM docs "
                      "WHERE id " + in,
                      {list});
            f.execute("DELETE FROM docs WHERE id " + in, {list});
            add_documents(f, db.query("SELECT id, terms FROM client_search_docs WHERE id " + in + " ORDER BY id", {list}));
        }
        seq = changes.empty() ? from_seq : changes.back().int64(0);
        if (seq != from_seq) f.execute("UPDATE index_state SET indexed_seq = ?", {seq});
        top = f.query_one("SELECT COALESCE(MAX(id), 0) FROM docs")->int64(0);
        return !fresh.empty() || !changes.empty();
    });
    indexed_seq_ = seq;
    indexed_id_ = top;
    return progressed;
}

std::int64_t FulltextIndex::count(const std::string& query, std::int64_t cap) {
    auto f = file_->acquire();
    return f
        ->query_one("SELECT COUNT(*) FROM (SELECT rowid FROM client_search WHERE client_search MATCH ? LIMIT " +
                        std::to_string(cap + 1) + ") x",
                    {query})
        ->int64(0);
}

std::vector<std::int64_t> FulltextIndex::ids(const std::string& query) {
    auto f = file_->acquire();
    auto ids = f->query_int64s("SELECT rowid FROM client_search WHERE client_search MATCH ?", {query});
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void FulltextIndex::purge_removed_terms() {
    catch_up();
    std::lock_guard lock(indexing_);
    store::with_transaction(*file_, true, [](store::Connection& f) {
        f.execute("INSERT INTO client_search (client_search) VALUES ('optimize')");
    });
}

// The log's entries up to the position indexed are no longer needed. The last one stays: new entries
// number on from the highest (a rowid), and must stay above the position indexed.
void FulltextIndex::prune_log() {
    constexpr std::int64_t kPruneEvery = 10000;
    const std::int64_t indexed = indexed_seq_;
    if (indexed - pruned_seq_ < kPruneEvery) return;
    store::with_transaction(main_, true, [&](store::Connection& conn) {
        conn.execute("DELETE FROM client_search_changes WHERE seq < ?", {indexed});
    });
    pruned_seq_ = indexed;
}

void FulltextIndex::run() {
    // The thread indexes with the CPU nobody else wants: during a bulk load it must not slow the
    // writer down, which would slow the load; a search that needs the index current indexes what is
    // missing itself, at its own priority.
    sched_param idle{};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle);
    std::string last_error;
    std::unique_lock lock(wake_mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, kPoll, [&] { return stopping_.load(); });
        if (stopping_) break;
        lock.unlock();
        try {
            catch_up();
            prune_log();
            last_error.clear();
        } catch (const std::exception& e) {
            // A search catches up by itself, and the next round retries: a failure here loses nothing.
            // Said once, not five times a second.
            if (e.what() != last_error) std::cerr << "warning: search index " << path_ << ": " << e.what() << "\n";
            last_error = e.what();
        }
        lock.lock();
    }
}

}  // namespace comptoir::crm::storage
