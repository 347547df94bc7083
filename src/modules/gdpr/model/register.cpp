#include "modules/gdpr/model/register.hpp"

namespace comptoir::gdpr {

const std::vector<std::string>& activity_fields() {
    static const std::vector<std::string> fields{"name",       "purposes",  "legal_basis", "data_categories",
                                                 "data_subjects", "recipients", "transfers", "retention", "security"};
    return fields;
}

std::string* activity_field(Activity& a, const std::string& field) {
    if (field == "name") return &a.name;
    if (field == "purposes") return &a.purposes;
    if (field == "legal_basis") return &a.legal_basis;
    if (field == "data_categories") return &a.data_categories;
    if (field == "data_subjects") return &a.data_subjects;
    if (field == "recipients") return &a.recipients;
    if (field == "transfers") return &a.transfers;
    if (field == "retention") return &a.retention;
    if (field == "security") return &a.security;
    return nullptr;
}

namespace {

constexpr const char* kNoTransfer = "Aucun transfert hors de l'Union européenne.";
constexpr const char* kSecurity =
    "Accès par compte nominatif et mot de passe haché (Argon2), rôles (administrateur, commercial, comptable, "
    "lecture), cloisonnement par entreprise, journal d'audit, sessions et jetons révocables, connexions HTTPS, "
    "sauvegardes de la base.";

}  // namespace

std::vector<Activity> default_activities() {
    return {
        {"clients", "Gestion de la clientèle et des prospects",
         "Tenir le fichier des clients et prospects, leurs contacts et les échanges commerciaux ; détecter et "
         "fusionner les doublons.",
         "Exécution du contrat ou mesures précontractuelles (art. 6.1.b) ; intérêt légitime pour les prospects "
         "(art. 6.1.f).",
         "Identité, coordonnées (adresse, e-mail, téléphone), fonction, SIRET et TVA des entreprises, conditions "
         "commerciales, notes, catégories.",
         "Clients et prospects (entreprises et particuliers), leurs contacts.",
         "Personnel habilité de l'entreprise (administrateurs, commerciaux, comptables).", kNoTransfer,
         "Clients : durée de la relation puis 3 ans ; prospects sans activité : 3 ans (règle de conservation, "
         "réglable), puis anonymisation.",
         kSecurity, ""},
        {"invoicing", "Facturation et comptabilité",
         "Établir devis, commandes et factures ; tenir la comptabilité et les exports comptables.",
         "Obligation légale (art. 6.1.c : Code de commerce L123-22, CGI art. 289) et exécution du contrat.",
         "Identité et adresse de facturation, SIREN/SIRET, TVA intracommunautaire, lignes et montants, règlements.",
         "Clients.", "Personnel habilité ; expert-comptable ; administration fiscale sur demande.", kNoTransfer,
         "10 ans à compter de la clôture de l'exercice (Code de commerce L123-22) ; les factures émises ne sont "
         "jamais modifiées ni anonymisées.",
         kSecurity, ""},
        {"prospecting", "Prospection commerciale par e-mail et SMS",
         "Envoyer des offres commerciales aux clients et prospects qui l'acceptent.",
         "Consentement (art. 6.1.a ; CPCE L34-5) pour les particuliers ; intérêt légitime pour les professionnels "
         "sur des produits analogues.",
         "Identité, e-mail, téléphone mobile, historique des consentements (date, source, base légale, auteur).",
         "Clients et prospects, leurs contacts.", "Personnel habilité ; prestataire d'envoi (SMTP) de l'entreprise.",
         kNoTransfer, "Jusqu'au retrait du consentement ; 3 ans après le dernier contact pour les prospects.",
         kSecurity, ""},
        {"payments", "Suivi des règlements et relances",
         "Enregistrer les règlements, suivre les impayés, envoyer les relances et les relevés de compte.",
         "Exécution du contrat (art. 6.1.b) et intérêt légitime au recouvrement (art. 6.1.f).",
         "Identité, coordonnées, factures, règlements (date, montant, mode, référence), e-mails de relance.",
         "Clients.", "Personnel habilité ; expert-comptable ; banque de l'entreprise.", kNoTransfer,
         "10 ans pour les pièces comptables ; les e-mails de relance : durée de la relation puis 3 ans.", kSecurity, ""},
        {"einvoicing", "Transmission des factures électroniques",
         "Émettre et recevoir les factures électroniques (Factur-X, UBL, Chorus Pro).",
         "Obligation légale (art. 6.1.c : CGI art. 289 bis, réforme de la facturation électronique).",
         "Données de facturation des clients et fournisseurs (identité, SIREN/SIRET, TVA, montants).",
         "Clients, fournisseurs.", "Plateforme de dématérialisation ou Chorus Pro (AIFE) ; administration fiscale.",
         kNoTransfer, "10 ans (Code de commerce L123-22).", kSecurity, ""},
        {"accounts", "Comptes utilisateurs et journal d'audit",
         "Authentifier les utilisateurs, gérer leurs droits, tracer les modifications et les exports de données.",
         "Intérêt légitime à la sécurité du système (art. 6.1.f) ; obligation de sécurité (art. 32).",
         "Nom, e-mail, rôle, mot de passe haché, sessions, adresses IP de connexion, actions réalisées.",
         "Utilisateurs de l'entreprise.", "Administrateurs de l'entreprise.", kNoTransfer,
         "Comptes : durée d'activité ; sessions : 30 jours ; journal d'audit : durée de conservation des données "
         "qu'il concerne.",
         kSecurity, ""},
    };
}

std::optional<Activity> default_activity(const std::string& key) {
    for (auto& a : default_activities())
        if (a.key == key) return a;
    return std::nullopt;
}

}  // namespace comptoir::gdpr
