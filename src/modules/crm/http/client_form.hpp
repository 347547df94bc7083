// The client and contact forms: HTML form fields <-> Client / Contact, and the view model that
// re-renders a form with every value as typed and each error under its field.
//
// Parsing never throws and never rejects on its own what the service validates (SIRET, phones,
// emails...): it only reports what cannot be carried by a Client at all (a discount that is not a
// percentage, an id that is not a number), under the service's field names.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/web_server.hpp"
#include "modules/crm/model/client.hpp"
#include "modules/crm/service/client_service.hpp"

namespace comptoir::crm::pages {

enum class FormMode { Create, Edit, AccountingOnly };

struct ParseIssue {
    std::string field;        // service naming: "default_discount", "assigned_user_id", "category_ids"
    std::string message_key;  // catalog key under "crm."
};

struct ClientForm {
    Client client;           // what goes to the service
    Contact first_contact;   // as typed (create form, companies)
    bool delivery_different = false;
    std::string discount_text;
    std::string assigned_text;
    std::vector<ParseIssue> issues;
};

// Applies the submitted fields on top of `base` (the stored client when editing, so that contacts and
// fields outside the form are kept). Fields absent from the request keep the base value; checkboxes
// absent mean "unchecked".
ClientForm parse_client_form(const http::RequestBase& req, Client base, FormMode mode);
// The form state for a stored (or new) client.
ClientForm form_from_client(const Client& c, const std::string& locale = "fr");

// Form field names ("billing_city", "contact_email") for the service's field names
// ("billing_address.city", "contacts[0].emails[0]").
std::string client_form_field(const std::string& service_field);

struct ClientFormContext {
    FormMode mode = FormMode::Create;
    std::int64_t client_id = 0;  // edit
    std::vector<Category> categories;
    std::vector<UserRef> users;
    nlohmann::json errors = nlohmann::json::object();  // keyed by form field name
    nlohmann::json duplicates = nullptr;               // duplicates_view, or null
};

nlohmann::json client_form_view(const http::PageContext& ctx, const ClientForm& form, const ClientFormContext& fc);

// Contacts (one at a time, from the client card).
struct ContactForm {
    Contact contact;
    std::vector<std::string> emails;  // as typed, one per input
    std::vector<std::string> phones;
};
ContactForm parse_contact_form(const http::RequestBase& req);
ContactForm form_from_contact(const Contact& c);
std::string contact_form_field(const std::string& service_field);  // "emails[1]" -> "emails_1"

}  // namespace comptoir::crm::pages
