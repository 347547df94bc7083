// SQLite's full-text index of the clients' search terms, kept in a file of its own and written by its
// own thread.
//
// Why a file of its own: SQLite lets one transaction write a database file at a time. Indexing the
// terms with FTS5 inside the transaction that creates the clients made every bulk load wait for it
// (16 µs a client of the 75 µs the write lock was held). In its own file the index is written while
// the next clients are, on the other core. Search reads it to count and list the clients of a word.
//
// The database keeps the truth: client_search_docs (one row of terms per client, written with the
// client) and client_search_changes (the ids of documents changed or removed; the thread prunes what it
// has indexed). This file mirrors them:
//  * a document whose id is above every id indexed is new, and is added;
//  * a logged change re-reads the client's document and replaces (or removes) what was indexed;
//  * the position reached in the log is saved in the same transaction as what it indexed.
// So the index can always be thrown away and rebuilt from the database, which happens when its file
// is missing, of another format, or beside another database (a token names the database).
//
// Freshness: a search first makes sure that every change committed before it began is indexed (it
// indexes what is missing itself, or waits for the thread doing it). A client created or edited is
// therefore found by the next search, as before; only the write no longer pays for the index.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace comptoir::crm::storage {

class FulltextIndex {
public:
    // Opens the index file at `path` for the SQLite database `main` (which must be migrated), checks
    // that it belongs to it (or starts it again), and starts the indexing thread.
    FulltextIndex(store::Database& main, std::string path);
    ~FulltextIndex();
    FulltextIndex(const FulltextIndex&) = delete;
    FulltextIndex& operator=(const FulltextIndex&) = delete;

    // The index file's name beside a database file.
    static std::string path_beside(const std::string& database_path);
    const std::string& path() const { return path_; }

    // Indexes every change committed to `main` so far (`conn` reads what that is). Called before a
    // lookup; returns at once when nothing is pending.
    void catch_up(store::Connection& conn);
    // The same, reading the database on a connection of its own.
    void catch_up();

    // The clients whose terms match an FTS5 query: how many (counted up to cap + 1), and which ones
    // (sorted ids, of every company: the caller keeps its company's).
    std::int64_t count(const std::string& query, std::int64_t cap);
    std::vector<std::int64_t> ids(const std::string& query);

    // After personal data was erased (GDPR): indexes the erasure, then merges every segment, so that no
    // trace of the removed terms is left in the file. Costly on a large base: once per erasure.
    void purge_removed_terms();

    // The file's own database, for tests that look inside it.
    store::Database& file() { return *file_; }

private:
    struct Pending {
        std::int64_t doc_id;  // documents above the highest id indexed are new
        std::int64_t seq;     // changes logged after this are to apply
    };
    Pending pending_in(store::Connection& conn);
    bool behind(const Pending& now) const;
    // Indexes one chunk of what is pending, reading the database on `db`; false when nothing was left.
    bool index_chunk(store::Connection& db);
    void open_file();
    void prune_log();
    void run();

    store::Database& main_;
    std::string path_;
    std::unique_ptr<store::Database> file_;
    std::mutex indexing_;                  // one indexing at a time (the thread or a search)
    std::atomic<std::int64_t> indexed_id_{0}, indexed_seq_{0};
    std::int64_t pruned_seq_ = 0;  // the thread's own: the log was pruned below this
    std::mutex wake_mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};  // set under wake_mutex_; also read between chunks, without it
    std::thread thread_;
};

}  // namespace comptoir::crm::storage
