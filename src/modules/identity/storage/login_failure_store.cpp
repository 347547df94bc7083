#include "modules/identity/storage/login_failure_store.hpp"

namespace comptoir::identity::storage {
namespace {

constexpr const char* kFailuresForEmail = "SELECT at FROM login_failures WHERE email = ? AND at > ?";
constexpr const char* kFailuresForIp = "SELECT at FROM login_failures WHERE ip = ? AND at > ?";
constexpr const char* kRecordFailure = "INSERT INTO login_failures (email, ip, at) VALUES (?, ?, ?)";
constexpr const char* kClearFailures = "DELETE FROM login_failures WHERE email = ?";
constexpr const char* kPurgeFailures = "DELETE FROM login_failures WHERE at < ?";

std::vector<std::string> times(const std::vector<store::Row>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(row.text(0));
    return out;
}

}  // namespace

std::vector<std::string> failures_for_email(store::Connection& conn, const std::string& email, const std::string& since) {
    return times(conn.query(kFailuresForEmail, {email, since}));
}

std::vector<std::string> failures_for_ip(store::Connection& conn, const std::string& ip, const std::string& since) {
    return times(conn.query(kFailuresForIp, {ip, since}));
}

void record_failure(store::Connection& conn, const std::string& email, const std::string& ip, const std::string& at) {
    conn.insert(kRecordFailure, {email, ip, at});
}

void clear_failures(store::Connection& conn, const std::string& email) { conn.execute(kClearFailures, {email}); }

void purge_failures(store::Connection& conn, const std::string& before) { conn.execute(kPurgeFailures, {before}); }

}  // namespace comptoir::identity::storage
