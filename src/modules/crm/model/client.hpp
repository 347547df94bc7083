// The client card: a company or an individual, prospect or client, with its contacts.
// Plain data; validation and normalisation live in client_validation.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace comptoir::crm {

struct Address {
    std::string line1;
    std::string line2;
    std::string postal_code;
    std::string city;
    std::string country = "FR";  // ISO 3166-1 alpha-2
    bool empty() const { return line1.empty() && line2.empty() && postal_code.empty() && city.empty(); }
};

// Marketing consent for one channel (GDPR art. 6 and 7; CPCE L34-5 for email/SMS prospecting).
struct Consent {
    bool granted = false;
    std::string date;         // YYYY-MM-DD when given or withdrawn
    std::string source;       // where it was collected: "web form", "trade fair", "phone call"...
    std::string legal_basis;  // "consent", "contract", "legitimate_interest"
};

struct Contact {
    std::int64_t id = 0;
    std::string civility;  // "mr", "mrs", "" (none)
    std::string first_name;
    std::string last_name;
    std::string role;      // job title: "Gérant", "Comptable"...
    std::vector<std::string> emails;  // normalised
    std::vector<std::string> phones;  // E.164
    bool is_primary = false;
    std::string full_name() const;
};

struct Client {
    std::int64_t id = 0;
    std::string kind = "company";    // "company" or "individual"
    std::string status = "prospect"; // "prospect", "client", "former_client"
    std::string legal_name;          // raison sociale (companies)
    std::string trade_name;          // nom commercial / enseigne
    std::string civility;            // individuals
    std::string first_name;
    std::string last_name;
    std::string siren;
    std::string siret;
    std::string vat_number;
    std::string naf_code;
    std::string legal_form;          // SARL, SAS, EI...
    std::string email;
    std::string phone;               // E.164
    std::string website;
    Address billing;
    std::optional<Address> delivery; // none: deliver to the billing address
    std::string payment_terms = "30d";
    std::string payment_method = "transfer";
    std::int64_t default_discount_bp = 0;  // basis points: 550 = 5.50 %
    std::string commercial_conditions;
    std::string accounting_code;     // auxiliary 411 account
    std::optional<std::int64_t> assigned_user_id;
    std::vector<std::int64_t> category_ids;
    std::string notes;
    Consent email_consent;
    Consent sms_consent;
    std::vector<Contact> contacts;

    // Read-only, filled by the store.
    bool archived = false;
    std::string created_at;
    std::string updated_at;
    std::int64_t created_by = 0;
    std::int64_t updated_by = 0;
    std::string created_by_name;
    std::string updated_by_name;
    std::string assigned_user_name;
    // Set when this card was merged into another (duplicates review folder): the survivor.
    std::optional<std::int64_t> merged_into_id;
    std::string merged_into_name;

    std::string display_name() const;
};

// One existing record that shares a normalised phone, email or SIRET with what is being saved.
struct DuplicateMatch {
    std::int64_t client_id = 0;
    std::string client_name;
    std::string field;         // "phone", "email" or "siret"
    std::string value;         // the normalised value that matched
    std::string contact_name;  // when the match is on one of the client's contacts
    bool archived = false;
};

}  // namespace comptoir::crm
