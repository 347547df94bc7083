// Supplier e-invoices received: import (upload, API, watched folder, command line), list, detail,
// the original file. An import reads the file (format and profile detected), matches or creates the
// supplier by SIREN or VAT number, runs the EN 16931 and French rules (and the official schemas
// when a schema folder is configured), and stores everything in one transaction with the original
// file. A file that cannot be read, or an invoice already imported from the same supplier under
// the same number, is refused with a clear message and nothing is written.
//
// Permissions: everyone reads; admins and accountants import.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "modules/einvoice/model/rules.hpp"
#include "modules/einvoice/storage/supplier_store.hpp"
#include "store/database.hpp"

namespace comptoir::identity {
class CompanyService;
}

namespace comptoir::einvoice {

struct ImportOutcome {
    std::int64_t id = 0;
    std::int64_t supplier_id = 0;
    bool supplier_created = false;
    std::string format;
    Profile profile = Profile::En16931;
    std::string number;
    std::vector<RuleViolation> checks;  // syntax issues, schema errors, rule violations and warnings
};

struct SupplierInvoiceDetail {
    storage::SupplierInvoiceRow row;
    storage::Supplier supplier;
    std::vector<RuleViolation> checks;
};

struct SupplierInvoicePage {
    std::vector<storage::SupplierInvoiceRow> items;
    std::optional<std::int64_t> next_before_id;
};

class ReceptionService {
public:
    // `schema_dir`: a folder with the official schemas (cii-d16b/, facturx-*/, ubl-2.1/), "" for none.
    ReceptionService(store::Database& db, identity::CompanyService& companies, std::string schema_dir);

    // `source`: "upload", "api", "folder" or "cli". Errors: forbidden, the file's (field "file"),
    // supplier_invoice.duplicate (409), supplier_invoice.no_number, supplier_invoice.no_seller.
    Result<ImportOutcome> import(const Actor& actor, const std::string& bytes, const std::string& filename,
                                 const std::string& source);
    Result<SupplierInvoicePage> list(const Actor& actor, int limit, std::optional<std::int64_t> before_id);
    Result<SupplierInvoiceDetail> get(const Actor& actor, std::int64_t id);
    Result<storage::Original> original(const Actor& actor, std::int64_t id);

private:
    store::Database& db_;
    identity::CompanyService& companies_;
    std::string schema_dir_;
};

bool can_import(const Actor& actor);
std::vector<RuleViolation> checks_from_json(const std::string& json);

}  // namespace comptoir::einvoice
