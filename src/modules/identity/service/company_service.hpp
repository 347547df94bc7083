// The company's legal identity (shown on invoices) and its logo. Any user of the company may read
// them; only admins change them.
#pragma once

#include <filesystem>
#include <string>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/identity/domain/image_type.hpp"
#include "modules/identity/domain/model.hpp"
#include "store/database.hpp"

namespace comptoir::identity {

struct LogoFile {
    std::filesystem::path path;
    std::string content_type;
};

class CompanyService {
public:
    CompanyService(store::Database& db, std::filesystem::path data_dir) : db_(db), logo_dir_(std::move(data_dir) / "logos") {}

    Result<Company> get(const Actor& actor);
    Result<Company> update(const Actor& actor, const CompanyForm& form);
    // Stores a PNG or JPEG (recognised by its first bytes, at most 2 MB) as logos/company-<id>.<ext>.
    Result<Company> set_logo(const Actor& actor, const std::string& bytes);
    Result<Company> remove_logo(const Actor& actor);
    Result<LogoFile> logo(const Actor& actor);

private:
    store::Database& db_;
    std::filesystem::path logo_dir_;
};

}  // namespace comptoir::identity
