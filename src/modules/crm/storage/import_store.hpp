// SQL for client imports and their rows. Every statement is scoped by the company.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/crm/model/client_import.hpp"
#include "store/database.hpp"

namespace comptoir::crm::storage {

std::int64_t insert_import(store::Connection& conn, const ClientImport& import);
// The file's rows, numbered from 1, in multi-row statements.
void insert_import_rows(store::Connection& conn, std::int64_t company_id, std::int64_t import_id,
                        const std::vector<ImportRowRecord>& rows);
std::optional<ClientImport> find_import(store::Connection& conn, std::int64_t company_id, std::int64_t id);
std::vector<ClientImport> list_imports(store::Connection& conn, std::int64_t company_id, int limit);
// Imports "checking", "running" or "undoing" whose worker has not written for `stale_before` (an ISO
// time): left by a server that stopped. All companies.
struct UnfinishedImport {
    std::int64_t company_id = 0, id = 0;
    std::string heartbeat_at;
};
std::vector<UnfinishedImport> unfinished_imports(store::Connection& conn, const std::string& stale_before);
// Takes an unfinished import over (true) unless another server wrote to it since `heartbeat_at`.
bool claim_import(store::Connection& conn, const UnfinishedImport& import, const std::string& now);

void save_mapping(store::Connection& conn, const ClientImport& import);  // mapping, policy, status
void set_status(store::Connection& conn, std::int64_t company_id, std::int64_t id, const std::string& status,
                const std::string& now);
void save_progress(store::Connection& conn, const ClientImport& import, const std::string& now);  // all run fields

// Rows after `after_row_no`, in order; with `pending_only`, only those the run has not done.
std::vector<ImportRowRecord> load_import_rows(store::Connection& conn, std::int64_t company_id, std::int64_t import_id,
                                              std::int64_t after_row_no, std::size_t limit, bool pending_only);
std::vector<ImportRowRecord> load_rows_with_outcome(store::Connection& conn, std::int64_t company_id,
                                                    std::int64_t import_id, const std::string& outcome, bool check,
                                                    std::int64_t after_row_no, std::size_t limit);
void save_row_check(store::Connection& conn, std::int64_t company_id, std::int64_t import_id, const ImportRowRecord& row);
void save_row_outcome(store::Connection& conn, std::int64_t company_id, std::int64_t import_id,
                      const ImportRowRecord& row);
void clear_checks(store::Connection& conn, std::int64_t company_id, std::int64_t import_id);
ImportCounts count_outcomes(store::Connection& conn, std::int64_t company_id, std::int64_t import_id, bool check);

// Clients this import created or updated that rows of `table` (company_id, client_id) now refer to.
std::vector<std::pair<std::int64_t, std::string>> referenced_clients(store::Connection& conn, std::int64_t company_id,
                                                                    std::int64_t import_id, const std::string& table,
                                                                    int limit);

}  // namespace comptoir::crm::storage
