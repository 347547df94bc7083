#include "modules/identity/service/company_service.hpp"

#include <fstream>

#include "core/crypto.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/identity/service/transaction.hpp"
#include "modules/identity/storage/company_store.hpp"

namespace comptoir::identity {
namespace {

Error company_not_found() { return Error::not_found("Entreprise introuvable.", "Company not found."); }

nlohmann::json audit_view(const CompanyFields& f) {
    return {{"name", f.name}, {"legal_form", f.legal_form}, {"siren", f.siren}, {"siret", f.siret},
            {"vat_number", f.vat_number}, {"rcs_city", f.rcs_city},
            {"share_capital_cents", f.share_capital_cents ? nlohmann::json(*f.share_capital_cents) : nlohmann::json()},
            {"address_line1", f.address_line1}, {"address_line2", f.address_line2}, {"postal_code", f.postal_code},
            {"city", f.city}, {"country", f.country}, {"phone", f.phone}, {"email", f.email}, {"website", f.website},
            {"iban", f.iban}, {"bic", f.bic}, {"accounting_code_rule", f.accounting_code_rule}};
}

void remove_quietly(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

}  // namespace

Result<Company> CompanyService::get(const Actor& actor) {
    auto company = read_transaction(db_, [&](store::Connection& conn) { return storage::find_company(conn, actor.company_id); });
    if (!company) return fail(company_not_found());
    return *company;
}

Result<Company> CompanyService::update(const Actor& actor, const CompanyForm& form) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    TRY_RESULT(fields, validate_company(form));
    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Company> {
        auto before = storage::find_company(conn, actor.company_id);
        if (!before) return fail(company_not_found());
        auto changes = audit::diff(audit_view(before->fields), audit_view(fields));
        if (changes.empty()) return *before;
        storage::update_company(conn, actor.company_id, fields);
        audit::record(conn, actor, "company", actor.company_id, "update", changes);
        return *storage::find_company(conn, actor.company_id);
    });
}

Result<Company> CompanyService::set_logo(const Actor& actor, const std::string& bytes) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    if (bytes.empty())
        return fail(Error::invalid_field("logo", "logo.empty", "Choisissez un fichier image.", "Choose an image file."));
    if (bytes.size() > kMaxLogoBytes)
        return fail(Error::invalid_field("logo", "logo.too_large", "Le logo ne doit pas dépasser 2 Mo.",
                                         "The logo must not exceed 2 MB."));
    auto type = detect_image_type(bytes);
    if (!type)
        return fail(Error::invalid_field("logo", "logo.format", "Le logo doit être une image PNG ou JPEG.",
                                         "The logo must be a PNG or JPEG image."));

    // Written beside its final name then renamed, so a reader never sees half a file.
    std::filesystem::create_directories(logo_dir_);
    std::string file = "company-" + std::to_string(actor.company_id) + "." + std::string(extension(*type));
    auto temp = logo_dir_ / (file + "." + random_token(6) + ".tmp");
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) {
            remove_quietly(temp);
            return fail(Error::internal("logo.write"));
        }
    }
    std::filesystem::rename(temp, logo_dir_ / file);

    return store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Company> {
        auto before = storage::find_company(conn, actor.company_id);
        if (!before) return fail(company_not_found());
        // A PNG replaced by a JPEG (or the reverse) leaves no stale file behind.
        if (!before->logo_file.empty() && before->logo_file != file) remove_quietly(logo_dir_ / before->logo_file);
        storage::set_logo_file(conn, actor.company_id, file);
        audit::record(conn, actor, "company", actor.company_id, "update",
                      {{"logo_file", {{"from", before->logo_file}, {"to", file}}}, {"logo_bytes", bytes.size()}});
        return *storage::find_company(conn, actor.company_id);
    });
}

Result<Company> CompanyService::remove_logo(const Actor& actor) {
    if (!actor.is_admin()) return fail(Error::forbidden());
    std::string removed;
    auto result = store::with_transaction(db_, true, [&](store::Connection& conn) -> Result<Company> {
        auto before = storage::find_company(conn, actor.company_id);
        if (!before) return fail(company_not_found());
        if (before->logo_file.empty()) return *before;
        storage::set_logo_file(conn, actor.company_id, "");
        audit::record(conn, actor, "company", actor.company_id, "update",
                      {{"logo_file", {{"from", before->logo_file}, {"to", ""}}}});
        removed = before->logo_file;
        before->logo_file.clear();
        return *before;
    });
    // The file goes once the change is committed, never before.
    if (result && !removed.empty()) remove_quietly(logo_dir_ / removed);
    return result;
}

Result<LogoFile> CompanyService::logo(const Actor& actor) {
    TRY_RESULT(company, get(actor));
    auto not_found = Error::not_found("Aucun logo.", "No logo.");
    if (company.logo_file.empty()) return fail(not_found);
    auto path = logo_dir_ / company.logo_file;
    if (!std::filesystem::exists(path)) return fail(not_found);
    return LogoFile{path, company.logo_file.ends_with(".png") ? "image/png" : "image/jpeg"};
}

}  // namespace comptoir::identity
