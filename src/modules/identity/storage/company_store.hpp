// Company rows. Callers pass the company id of the acting user: there is no query across companies
// except `first_company_id`, which the command line uses on a single-company installation.
#pragma once

#include <cstdint>
#include <optional>

#include "modules/identity/domain/model.hpp"
#include "store/database.hpp"

namespace comptoir::identity::storage {

std::optional<Company> find_company(store::Connection& conn, std::int64_t company_id);
std::optional<std::int64_t> first_company_id(store::Connection& conn);
std::int64_t insert_company(store::Connection& conn, const CompanyFields& fields, const std::string& now);
void update_company(store::Connection& conn, std::int64_t company_id, const CompanyFields& fields);
void set_logo_file(store::Connection& conn, std::int64_t company_id, const std::string& file);

}  // namespace comptoir::identity::storage
