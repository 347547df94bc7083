// Failed login attempts, kept for the throttling window (and purged a day later).
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace comptoir::identity::storage {

std::vector<std::string> failures_for_email(store::Connection& conn, const std::string& email, const std::string& since);
std::vector<std::string> failures_for_ip(store::Connection& conn, const std::string& ip, const std::string& since);
void record_failure(store::Connection& conn, const std::string& email, const std::string& ip, const std::string& at);
void clear_failures(store::Connection& conn, const std::string& email);
void purge_failures(store::Connection& conn, const std::string& before);

}  // namespace comptoir::identity::storage
