#include "french_data.hpp"

#include <array>

namespace bench::data {
namespace {

using sv = std::string_view;

// Roughly by frequency in France (INSEE), with regional and immigrant names further down.
constexpr sv kLastNames[] = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
    "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
    "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
    "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
    "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
    "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
    "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
    "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
    "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
    "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
    "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
    "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva",
    "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
    "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
    "Guillon", "Lebon", "Besnard", "Texier", "Buisson", "Delmas", "Joubert", "Tanguy", "Hébert", "Thébault",
    "Chrétien", "Lécuyer", "Béranger", "Féraud", "Jégou", "Quéré", "Le Bihan", "Le Floc'h", "Le Guen", "Le Corre",
    "Le Meur", "Kerbrat", "Le Bris", "Guégan", "Le Moal", "Wagner", "Fischer", "Zimmermann", "Koch", "Hoffmann",
    "Schwartz", "Keller", "Becker", "Castan", "Bousquet", "Azaïs", "Espinasse", "Cazenave", "Etcheverry", "Larrieu",
    "Dos Santos", "Pereira", "Ferreira", "Rodrigues", "Fernandes", "Gonçalves", "Lopes", "Martins", "Gomez", "Diaz",
    "Benali", "Haddad", "Mansouri", "Belkacem", "Bouzid", "Saïdi", "Cherif", "Amrani", "Khelifi", "Benyahia",
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "N'Diaye", "Diallo",
    "Traoré", "Nguyen", "Tran", "Pham", "Cohen", "Lévy", "Dupré", "Descamps", "Devaux", "Delattre",
    "Vanneste", "Deleplanque", "Lemaréchal", "Courtois", "Pruvost", "Vandenberghe", "Crépin", "Bézier", "Grégoire", "Ribeiro",
    "Sauvage", "Lesage", "Bourdon", "Vallée", "Rigaud", "Valette", "Chabert", "Teyssier", "Barre", "Bouvet",
    "Marchetti", "Santoni", "Casanova", "Leca", "Ollivier", "Jacquemin", "Laine", "Poulet", "Toussaint", "Navarro",
    "Camus", "Bodin", "Maury", "Prat", "Hamel", "Charrier", "Vial", "Raynaud", "Benard", "Courtin",
};

// Alternating genders so that any prefix of the array (drawn with a Zipf law) stays mixed.
constexpr FirstName kFirstNames[] = {
    {"Jean", false}, {"Marie", true}, {"Pierre", false}, {"Nathalie", true}, {"Michel", false}, {"Isabelle", true},
    {"Philippe", false}, {"Sylvie", true}, {"Nicolas", false}, {"Catherine", true}, {"François", false}, {"Françoise", true},
    {"Alain", false}, {"Christine", true}, {"Laurent", false}, {"Valérie", true}, {"Éric", false}, {"Sandrine", true},
    {"Stéphane", false}, {"Véronique", true}, {"Olivier", false}, {"Sophie", true}, {"David", false}, {"Céline", true},
    {"Thierry", false}, {"Stéphanie", true}, {"Christophe", false}, {"Julie", true}, {"Julien", false}, {"Aurélie", true},
    {"Sébastien", false}, {"Émilie", true}, {"Frédéric", false}, {"Camille", true}, {"Guillaume", false}, {"Léa", true},
    {"Thomas", false}, {"Manon", true}, {"Alexandre", false}, {"Chloé", true}, {"Antoine", false}, {"Emma", true},
    {"Maxime", false}, {"Jade", true}, {"Romain", false}, {"Louise", true}, {"Mathieu", false}, {"Alice", true},
    {"Hugo", false}, {"Lina", true}, {"Lucas", false}, {"Rose", true}, {"Léo", false}, {"Anna", true},
    {"Gabriel", false}, {"Inès", true}, {"Raphaël", false}, {"Zoé", true}, {"Arthur", false}, {"Juliette", true},
    {"Louis", false}, {"Léonie", true}, {"Jules", false}, {"Ambre", true}, {"Adam", false}, {"Mila", true},
    {"Nathan", false}, {"Agathe", true}, {"Théo", false}, {"Clémence", true}, {"Noé", false}, {"Mathilde", true},
    {"Timothée", false}, {"Pauline", true}, {"Benoît", false}, {"Laura", true}, {"Jérôme", false}, {"Sarah", true},
    {"Cédric", false}, {"Marion", true}, {"Grégory", false}, {"Lucie", true}, {"Fabrice", false}, {"Charlotte", true},
    {"Pascal", false}, {"Élodie", true}, {"Didier", false}, {"Amandine", true}, {"Gérard", false}, {"Caroline", true},
    {"René", false}, {"Virginie", true}, {"Roger", false}, {"Delphine", true}, {"Marcel", false}, {"Laurence", true},
    {"Henri", false}, {"Martine", true}, {"Gilles", false}, {"Brigitte", true}, {"Yves", false}, {"Patricia", true},
    {"Hervé", false}, {"Annie", true}, {"Dominique", false}, {"Danielle", true}, {"Denis", false}, {"Jacqueline", true},
    {"Marc", false}, {"Josiane", true}, {"Paul", false}, {"Éloïse", true}, {"Vincent", false}, {"Gaëlle", true},
    {"Bruno", false}, {"Maëlle", true}, {"Franck", false}, {"Héloïse", true}, {"Lionel", false}, {"Noémie", true},
    {"Arnaud", false}, {"Océane", true}, {"Damien", false}, {"Mélanie", true}, {"Jérémy", false}, {"Mélissa", true},
    {"Kévin", false}, {"Anaïs", true}, {"Anthony", false}, {"Audrey", true}, {"Florian", false}, {"Laetitia", true},
    {"Quentin", false}, {"Karine", true}, {"Clément", false}, {"Corinne", true}, {"Baptiste", false}, {"Florence", true},
    {"Adrien", false}, {"Hélène", true}, {"Valentin", false}, {"Agnès", true}, {"Benjamin", false}, {"Béatrice", true},
    {"Simon", false}, {"Cécile", true}, {"Victor", false}, {"Colette", true}, {"Martin", false}, {"Denise", true},
    {"Ethan", false}, {"Éliane", true}, {"Mathis", false}, {"Geneviève", true}, {"Enzo", false}, {"Ghislaine", true},
    {"Tom", false}, {"Jeanne", true}, {"Axel", false}, {"Josette", true}, {"Gaël", false}, {"Madeleine", true},
    {"Loïc", false}, {"Michèle", true}, {"Yannick", false}, {"Odile", true}, {"Joël", false}, {"Paulette", true},
    {"Aurélien", false}, {"Renée", true}, {"Sylvain", false}, {"Simone", true}, {"Emmanuel", false}, {"Solange", true},
    {"Jean-Pierre", false}, {"Suzanne", true}, {"Jean-Luc", false}, {"Thérèse", true}, {"Jean-Marc", false}, {"Yvette", true},
    {"Jean-François", false}, {"Anne-Sophie", true}, {"Jean-Claude", false}, {"Marie-Claire", true}, {"Jean-Michel", false}, {"Marie-Christine", true},
    {"Pierre-Yves", false}, {"Anne-Marie", true}, {"Marc-Antoine", false}, {"Marie-Hélène", true}, {"Rémi", false}, {"Clémentine", true},
    {"Thibault", false}, {"Margaux", true}, {"Corentin", false}, {"Justine", true}, {"Erwan", false}, {"Elsa", true},
    {"Yann", false}, {"Fanny", true}, {"Ronan", false}, {"Estelle", true}, {"Mickaël", false}, {"Émeline", true},
    {"Jérémie", false}, {"Alexandra", true}, {"Matthieu", false}, {"Jennifer", true}, {"Cyril", false}, {"Jessica", true},
    {"Ludovic", false}, {"Vanessa", true}, {"Régis", false}, {"Coralie", true}, {"Côme", false}, {"Sabrina", true},
    {"Élie", false}, {"Nadia", true}, {"Mehdi", false}, {"Fatima", true}, {"Karim", false}, {"Samia", true},
    {"Youssef", false}, {"Leïla", true}, {"Mohamed", false}, {"Yasmine", true}, {"Rachid", false}, {"Khadija", true},
    {"Samir", false}, {"Aïcha", true}, {"Sofiane", false}, {"Myriam", true}, {"Nabil", false}, {"Sonia", true},
    {"Hamza", false}, {"Linda", true}, {"Ibrahim", false}, {"Sandra", true}, {"Moussa", false}, {"Nina", true},
    {"Mamadou", false}, {"Ophélie", true}, {"Dylan", false}, {"Maëva", true}, {"Jordan", false}, {"Lola", true},
    {"Florent", false}, {"Romane", true}, {"Xavier", false}, {"Capucine", true}, {"Hugues", false}, {"Apolline", true},
    {"Tristan", false}, {"Bérénice", true}, {"Bastien", false}, {"Salomé", true}, {"Charles", false}, {"Victoire", true},
    {"Édouard", false}, {"Adèle", true}, {"Étienne", false}, {"Lise", true}, {"Félix", false}, {"Maud", true},
    {"Gaspard", false}, {"Solène", true}, {"Joseph", false}, {"Perrine", true}, {"Léon", false}, {"Gwenaëlle", true},
    {"Lucien", false}, {"Nolwenn", true}, {"Maurice", false}, {"Soizic", true}, {"Raymond", false}, {"Armelle", true},
    {"Robert", false}, {"Bernadette", true}, {"Georges", false}, {"Christiane", true}, {"Claude", false}, {"Huguette", true},
};

// Main postal code of each commune (a few big cities appear with several of their codes).
constexpr Commune kCommunes[] = {
    {"Paris", "75011", '1'}, {"Paris", "75015", '1'}, {"Paris", "75017", '1'}, {"Paris", "75018", '1'},
    {"Paris", "75020", '1'}, {"Paris", "75012", '1'}, {"Paris", "75010", '1'}, {"Paris", "75009", '1'},
    {"Paris", "75008", '1'}, {"Paris", "75014", '1'}, {"Paris", "75016", '1'}, {"Paris", "75013", '1'},
    {"Paris", "75019", '1'}, {"Paris", "75001", '1'}, {"Paris", "75002", '1'}, {"Paris", "75003", '1'},
    {"Paris", "75004", '1'}, {"Paris", "75005", '1'}, {"Paris", "75006", '1'}, {"Paris", "75007", '1'},
    {"Marseille", "13001", '4'}, {"Marseille", "13008", '4'}, {"Marseille", "13005", '4'}, {"Marseille", "13013", '4'},
    {"Lyon", "69003", '4'}, {"Lyon", "69007", '4'}, {"Lyon", "69002", '4'}, {"Lyon", "69006", '4'},
    {"Toulouse", "31000", '5'}, {"Toulouse", "31400", '5'}, {"Toulouse", "31200", '5'},
    {"Nice", "06000", '4'}, {"Nice", "06100", '4'}, {"Nantes", "44000", '2'}, {"Nantes", "44300", '2'},
    {"Montpellier", "34000", '4'}, {"Montpellier", "34070", '4'}, {"Strasbourg", "67000", '3'}, {"Strasbourg", "67100", '3'},
    {"Bordeaux", "33000", '5'}, {"Bordeaux", "33800", '5'}, {"Lille", "59000", '3'}, {"Lille", "59800", '3'},
    {"Rennes", "35000", '2'}, {"Reims", "51100", '3'}, {"Toulon", "83000", '4'}, {"Saint-Étienne", "42000", '4'},
    {"Le Havre", "76600", '2'}, {"Grenoble", "38000", '4'}, {"Dijon", "21000", '3'}, {"Angers", "49000", '2'},
    {"Nîmes", "30000", '4'}, {"Villeurbanne", "69100", '4'}, {"Clermont-Ferrand", "63000", '4'}, {"Le Mans", "72000", '2'},
    {"Aix-en-Provence", "13100", '4'}, {"Brest", "29200", '2'}, {"Tours", "37000", '2'}, {"Amiens", "80000", '3'},
    {"Limoges", "87000", '5'}, {"Annecy", "74000", '4'}, {"Perpignan", "66000", '4'}, {"Boulogne-Billancourt", "92100", '1'},
    {"Metz", "57000", '3'}, {"Besançon", "25000", '3'}, {"Orléans", "45000", '2'}, {"Saint-Denis", "93200", '1'},
    {"Argenteuil", "95100", '1'}, {"Rouen", "76000", '2'}, {"Mulhouse", "68100", '3'}, {"Montreuil", "93100", '1'},
    {"Caen", "14000", '2'}, {"Nancy", "54000", '3'}, {"Tourcoing", "59200", '3'}, {"Roubaix", "59100", '3'},
    {"Nanterre", "92000", '1'}, {"Vitry-sur-Seine", "94400", '1'}, {"Avignon", "84000", '4'}, {"Créteil", "94000", '1'},
    {"Poitiers", "86000", '5'}, {"Aubervilliers", "93300", '1'}, {"Colombes", "92700", '1'}, {"Dunkerque", "59140", '3'},
    {"Asnières-sur-Seine", "92600", '1'}, {"Versailles", "78000", '1'}, {"Courbevoie", "92400", '1'}, {"Rueil-Malmaison", "92500", '1'},
    {"Béziers", "34500", '4'}, {"Champigny-sur-Marne", "94500", '1'}, {"Pau", "64000", '5'}, {"La Rochelle", "17000", '5'},
    {"Saint-Maur-des-Fossés", "94100", '1'}, {"Cannes", "06400", '4'}, {"Calais", "62100", '3'}, {"Antibes", "06600", '4'},
    {"Drancy", "93700", '1'}, {"Ajaccio", "20000", '4'}, {"Mérignac", "33700", '5'}, {"Saint-Nazaire", "44600", '2'},
    {"Colmar", "68000", '3'}, {"Issy-les-Moulineaux", "92130", '1'}, {"Noisy-le-Grand", "93160", '1'}, {"Évry-Courcouronnes", "91000", '1'},
    {"Vénissieux", "69200", '4'}, {"Cergy", "95000", '1'}, {"Levallois-Perret", "92300", '1'}, {"Valence", "26000", '4'},
    {"Bourges", "18000", '2'}, {"Pessac", "33600", '5'}, {"Ivry-sur-Seine", "94200", '1'}, {"Quimper", "29000", '2'},
    {"La Seyne-sur-Mer", "83500", '4'}, {"Antony", "92160", '1'}, {"Villeneuve-d'Ascq", "59650", '3'}, {"Clichy", "92110", '1'},
    {"Troyes", "10000", '3'}, {"Montauban", "82000", '5'}, {"Neuilly-sur-Seine", "92200", '1'}, {"Pantin", "93500", '1'},
    {"Niort", "79000", '5'}, {"Chambéry", "73000", '4'}, {"Sarcelles", "95200", '1'}, {"Le Blanc-Mesnil", "93150", '1'},
    {"Lorient", "56100", '2'}, {"Beauvais", "60000", '3'}, {"Maisons-Alfort", "94700", '1'}, {"Meaux", "77100", '1'},
    {"Narbonne", "11100", '4'}, {"Chelles", "77500", '1'}, {"Hyères", "83400", '4'}, {"Vannes", "56000", '2'},
    {"Fréjus", "83600", '4'}, {"Arles", "13200", '4'}, {"La Roche-sur-Yon", "85000", '2'}, {"Bayonne", "64100", '5'},
    {"Clamart", "92140", '1'}, {"Saint-Malo", "35400", '2'}, {"Cholet", "49300", '2'}, {"Laval", "53000", '2'},
    {"Belfort", "90000", '3'}, {"Évreux", "27000", '2'}, {"Châteauroux", "36000", '2'}, {"Brive-la-Gaillarde", "19100", '5'},
    {"Albi", "81000", '5'}, {"Carcassonne", "11000", '4'}, {"Blois", "41000", '2'}, {"Chartres", "28000", '2'},
    {"Saint-Quentin", "02100", '3'}, {"Angoulême", "16000", '5'}, {"Châlons-en-Champagne", "51000", '3'}, {"Tarbes", "65000", '5'},
    {"Auxerre", "89000", '3'}, {"Bastia", "20200", '4'}, {"Périgueux", "24000", '5'}, {"Agen", "47000", '5'},
    {"Nevers", "58000", '3'}, {"Mâcon", "71000", '3'}, {"Gap", "05000", '4'}, {"Épinal", "88000", '3'},
    {"Alençon", "61000", '2'}, {"Aurillac", "15000", '4'}, {"Rodez", "12000", '5'}, {"Cahors", "46000", '5'},
    {"Mende", "48000", '4'}, {"Foix", "09000", '5'}, {"Digne-les-Bains", "04000", '4'}, {"Privas", "07000", '4'},
    {"Charleville-Mézières", "08000", '3'}, {"Vesoul", "70000", '3'}, {"Lons-le-Saunier", "39000", '3'}, {"Bourg-en-Bresse", "01000", '4'},
    {"Moulins", "03000", '4'}, {"Le Puy-en-Velay", "43000", '4'}, {"Guéret", "23000", '5'}, {"Tulle", "19000", '5'},
    {"Mont-de-Marsan", "40000", '5'}, {"Auch", "32000", '5'}, {"Saint-Lô", "50000", '2'}, {"Cherbourg-en-Cotentin", "50100", '2'},
    {"Saint-Brieuc", "22000", '2'}, {"Lannion", "22300", '2'}, {"Morlaix", "29600", '2'}, {"Dinan", "22100", '2'},
    {"Annemasse", "74100", '4'}, {"Thonon-les-Bains", "74200", '4'}, {"Chamonix-Mont-Blanc", "74400", '4'}, {"Biarritz", "64200", '5'},
    {"Arcachon", "33120", '5'}, {"Libourne", "33500", '5'}, {"Sète", "34200", '4'}, {"Lunel", "34400", '4'},
    {"Orange", "84100", '4'}, {"Carpentras", "84200", '4'}, {"Salon-de-Provence", "13300", '4'}, {"Aubagne", "13400", '4'},
    {"Martigues", "13500", '4'}, {"La Ciotat", "13600", '4'}, {"Grasse", "06130", '4'}, {"Menton", "06500", '4'},
    {"Saint-Tropez", "83990", '4'}, {"Draguignan", "83300", '4'}, {"Vichy", "03200", '4'}, {"Roanne", "42300", '4'},
    {"Villefranche-sur-Saône", "69400", '4'}, {"Vienne", "38200", '4'}, {"Voiron", "38500", '4'}, {"Romans-sur-Isère", "26100", '4'},
    {"Montélimar", "26200", '4'}, {"Saumur", "49400", '2'}, {"Lisieux", "14100", '2'}, {"Bayeux", "14400", '2'},
    {"Honfleur", "14600", '2'}, {"Deauville", "14800", '2'}, {"Fécamp", "76400", '2'}, {"Dieppe", "76200", '2'},
    {"Abbeville", "80100", '3'}, {"Arras", "62000", '3'}, {"Lens", "62300", '3'}, {"Béthune", "62400", '3'},
    {"Boulogne-sur-Mer", "62200", '3'}, {"Douai", "59500", '3'}, {"Valenciennes", "59300", '3'}, {"Cambrai", "59400", '3'},
    {"Maubeuge", "59600", '3'}, {"Thionville", "57100", '3'}, {"Forbach", "57600", '3'}, {"Haguenau", "67500", '3'},
    {"Sélestat", "67600", '3'}, {"Saverne", "67700", '3'}, {"Épernay", "51200", '3'}, {"Sens", "89100", '3'},
    {"Beaune", "21200", '3'}, {"Chalon-sur-Saône", "71100", '3'}, {"Dole", "39100", '3'}, {"Pontarlier", "25300", '3'},
    {"Montbéliard", "25200", '3'}, {"Vierzon", "18100", '2'}, {"Dreux", "28100", '2'}, {"Vendôme", "41100", '2'},
    {"Amboise", "37400", '2'}, {"Châtellerault", "86100", '5'}, {"Cognac", "16100", '5'}, {"Saintes", "17100", '5'},
    {"Rochefort", "17300", '5'}, {"Royan", "17200", '5'}, {"Bergerac", "24100", '5'}, {"Sarlat-la-Canéda", "24200", '5'},
    {"Castres", "81100", '5'}, {"Millau", "12100", '5'}, {"Lourdes", "65100", '5'}, {"Dax", "40100", '5'},
    {"Saint-Jean-de-Luz", "64500", '5'}, {"Muret", "31600", '5'}, {"Blagnac", "31700", '5'}, {"Colomiers", "31770", '5'},
    {"Alès", "30100", '4'}, {"Uzès", "30700", '4'}, {"Fontainebleau", "77300", '1'}, {"Melun", "77000", '1'},
    {"Rambouillet", "78120", '1'}, {"Saint-Germain-en-Laye", "78100", '1'}, {"Vincennes", "94300", '1'}, {"Pontoise", "95300", '1'},
    {"Compiègne", "60200", '3'}, {"Soissons", "02200", '3'}, {"Verdun", "55100", '3'}, {"Concarneau", "29900", '2'},
    {"Vitré", "35500", '2'}, {"Fougères", "35300", '2'}, {"Saint-Herblain", "44800", '2'}, {"Les Sables-d'Olonne", "85100", '2'},
    {"Bressuire", "79300", '5'}, {"Parthenay", "79200", '5'},
};

constexpr sv kStreetTypes[] = {"rue", "rue", "rue", "rue", "avenue", "avenue", "boulevard",
                                             "place", "impasse", "allée", "chemin", "route", "quai", "cours"};

constexpr sv kStreetNames[] = {
    "de la République", "Jean Jaurès", "Victor Hugo", "du Général de Gaulle", "de la Gare", "Pasteur",
    "de l'Église", "des Écoles", "du Moulin", "Gambetta", "Voltaire", "Jules Ferry",
    "de la Liberté", "du Maréchal Foch", "Carnot", "de Verdun", "de Paris", "Nationale",
    "des Lilas", "des Tilleuls", "du Château", "Émile Zola", "Anatole France", "Saint-Martin",
    "de la Paix", "du Commerce", "des Acacias", "Louis Pasteur", "Jean Moulin", "Charles de Gaulle",
    "de la Mairie", "du Stade", "des Peupliers", "Marcel Pagnol", "Henri Barbusse", "Paul Bert",
    "Aristide Briand", "Georges Clemenceau", "du Maréchal Leclerc", "d'Alsace-Lorraine", "du 8 Mai 1945", "du 11 Novembre 1918",
    "de la Fontaine", "du Port", "des Vignes", "des Jardins", "de Bretagne", "du Four",
    "des Prés", "de la Poste", "Sadi Carnot", "Gabriel Péri", "Édouard Herriot", "Pierre Brossolette",
    "des Frères Lumière", "Jean-Baptiste Clément", "de l'Hôtel de Ville", "du Faubourg Saint-Antoine", "Albert Camus", "de la Forêt",
};

constexpr sv kComplements[] = {
    "Bâtiment B", "ZA des Portes", "ZI Nord", "BP 42", "Appartement 12", "3e étage", "Résidence Les Pins",
    "Parc d'activités du Moulin", "Zone artisanale", "Escalier C", "Lieu-dit Les Granges", "Le Clos fleuri",
    "ZAC de la Gare", "CS 70021", "Entrée par la cour", "Hameau de Beaulieu",
};

constexpr sv kBakerySigns[] = {"Au Bon Pain", "Le Fournil de {F}", "La Mie Dorée", "Aux Délices de {C}", "Le Pain de {F}"};
constexpr sv kPastrySigns[] = {"Aux Douceurs de {F}", "La Pâtisserie du Marché", "Le Palais Sucré", "Les Gourmandises de {C}"};
constexpr sv kButcherSigns[] = {"Boucherie du Marché", "Au Bœuf Couronné", "Chez {F}"};
constexpr sv kGarageSigns[] = {"Garage du Centre", "Auto Service {L}", "{C} Auto", "Garage de la Gare"};
constexpr sv kConsultSigns[] = {"{L} Conseil", "{L} & Associés", "Cap Gestion"};
constexpr sv kPharmacySigns[] = {"Pharmacie du Centre", "Pharmacie de la Place", "Grande Pharmacie de {C}"};
constexpr sv kCarpentrySigns[] = {"L'Atelier du Bois", "Menuiserie {L}", "Bois & Création"};
constexpr sv kPlumbingSigns[] = {"{L} Plomberie Chauffage", "Allô Plombier {C}", "SOS Dépannage"};
constexpr sv kElectricSigns[] = {"{L} Électricité", "Élec Services", "Lumière & Énergie"};
constexpr sv kMasonSigns[] = {"{L} Bâtiment", "Bâti Rénov", "Les Maçons de {C}"};
constexpr sv kTransportSigns[] = {"Transports {L}", "{C} Express", "Trans'Ouest"};
constexpr sv kCheeseSigns[] = {"La Cloche à Fromages", "Fromagerie {L}", "Le Comptoir du Fromage"};
constexpr sv kBookSigns[] = {"La Page Blanche", "Librairie du Square", "Le Bateau Livre"};
constexpr sv kFlowerSigns[] = {"Au Jardin de {F}", "L'Atelier Floral", "Fleurs de {C}"};
constexpr sv kHairSigns[] = {"{F} Coiffure", "L'Atelier de {F}", "Coiff'Mode", "Tendance Coiffure"};
constexpr sv kBeautySigns[] = {"Institut Belle Peau", "L'Instant Beauté", "Au Bien-Être de {F}"};
constexpr sv kRestaurantSigns[] = {"Le Bistrot de {F}", "La Table de {C}", "Chez {F}", "L'Auberge du Lac"};
constexpr sv kCafeSigns[] = {"Le Balto", "Café de la Place", "Le Relais de {C}"};
constexpr sv kHotelSigns[] = {"Hôtel de la Gare", "Hôtel du Commerce", "Le Relais de {C}"};
constexpr sv kDrivingSigns[] = {"Auto-École {L}", "Conduite Plus"};
constexpr sv kPrintSigns[] = {"Imprimerie {L}", "L'Encre de {C}"};
constexpr sv kRoofSigns[] = {"{L} Couverture", "Toitures de {C}"};
constexpr sv kPaintSigns[] = {"{L} Peinture Décoration", "Couleurs & Murs"};
constexpr sv kGardenSigns[] = {"Les Jardins de {F}", "{L} Paysages", "Vert Tendance"};
constexpr sv kItSigns[] = {"{L} Informatique", "Net Solutions", "Info Services {C}"};
constexpr sv kArchitectSigns[] = {"Atelier {L} Architecture", "{L} Architectes"};
constexpr sv kEstateSigns[] = {"{L} Immobilier", "Agence de la Gare", "{C} Immo"};
constexpr sv kTaxiSigns[] = {"Taxi {F}", "Taxi de la Gare"};
constexpr sv kAmbulanceSigns[] = {"Ambulances {L}", "Ambulances de {C}"};
constexpr sv kLockSigns[] = {"{L} Serrurerie", "Clé Minute"};
constexpr sv kGrocerySigns[] = {"Épicerie {L}", "L'Épicerie du Coin", "Au Panier de {F}"};
constexpr sv kWineSigns[] = {"La Cave de {F}", "Le Cellier de {C}", "Vins & Terroirs"};
constexpr sv kCaterSigns[] = {"{L} Traiteur", "Les Saveurs de {C}"};
constexpr sv kAccountSigns[] = {"Cabinet {L} Expertise", "{L} Audit & Conseil"};
constexpr sv kBodySigns[] = {"Carrosserie {L}", "Carrosserie du Centre"};

constexpr Trade kTrades[] = {
    {"Boulangerie", "10.71C", kBakerySigns},      {"Pâtisserie", "10.71D", kPastrySigns},
    {"Boucherie", "47.22Z", kButcherSigns},       {"Garage", "45.20A", kGarageSigns},
    {"Cabinet", "70.22Z", kConsultSigns},         {"Pharmacie", "47.73Z", kPharmacySigns},
    {"Menuiserie", "43.32A", kCarpentrySigns},    {"Plomberie", "43.22A", kPlumbingSigns},
    {"Électricité", "43.21A", kElectricSigns},    {"Maçonnerie", "43.99C", kMasonSigns},
    {"Transports", "49.41A", kTransportSigns},    {"Fromagerie", "47.29Z", kCheeseSigns},
    {"Librairie", "47.61Z", kBookSigns},          {"Fleurs", "47.76Z", kFlowerSigns},
    {"Coiffure", "96.02A", kHairSigns},           {"Institut", "96.02B", kBeautySigns},
    {"Restaurant", "56.10A", kRestaurantSigns},   {"Café", "56.30Z", kCafeSigns},
    {"Hôtel", "55.10Z", kHotelSigns},             {"Auto-École", "85.53Z", kDrivingSigns},
    {"Imprimerie", "18.12Z", kPrintSigns},        {"Couverture", "43.91B", kRoofSigns},
    {"Peinture", "43.34Z", kPaintSigns},          {"Paysages", "81.30Z", kGardenSigns},
    {"Informatique", "62.01Z", kItSigns},         {"Architecture", "71.11Z", kArchitectSigns},
    {"Immobilier", "68.31Z", kEstateSigns},       {"Taxi", "49.32Z", kTaxiSigns},
    {"Ambulances", "86.90A", kAmbulanceSigns},    {"Serrurerie", "43.32B", kLockSigns},
    {"Épicerie", "47.11B", kGrocerySigns},        {"Cave", "47.25Z", kWineSigns},
    {"Traiteur", "56.21Z", kCaterSigns},          {"Expertise comptable", "69.20Z", kAccountSigns},
    {"Carrosserie", "45.20A", kBodySigns},        {"Charpente", "43.91A", kRoofSigns},
};

// "masculine|feminine" when the title changes with the person.
constexpr sv kRoles[] = {
    "Gérant|Gérante", "Comptable", "Directeur commercial|Directrice commerciale", "Assistant de direction|Assistante de direction",
    "Responsable achats", "Chef de chantier|Cheffe de chantier", "Secrétaire", "Président|Présidente",
    "Directeur administratif et financier|Directrice administrative et financière", "Associé|Associée",
    "Responsable de magasin", "Chargé de clientèle|Chargée de clientèle", "Conducteur de travaux|Conductrice de travaux",
    "Office manager", "Directeur général|Directrice générale", "Responsable technique", "Acheteur|Acheteuse", "",
};

constexpr sv kMailDomains[] = {"gmail.com", "gmail.com", "gmail.com", "orange.fr", "orange.fr", "free.fr",
                                             "sfr.fr", "laposte.net", "wanadoo.fr", "hotmail.fr", "yahoo.fr", "outlook.fr"};

constexpr sv kNotes[] = {
    "Client fidèle depuis 2015.", "Préfère être contacté le matin.", "Relancer pour le devis de printemps.",
    "Paiement souvent en retard : demander un acompte.", "Rencontré au salon Artisanat & Patrimoine.",
    "Recommandé par M. Dupont.", "Fermé le lundi.", "Livraison par l'arrière-cour, sonner deux fois.",
    "Attention : facturer au siège, pas à l'établissement.", "Souhaite recevoir les factures par courrier.",
    "Ancien client de la boutique de Rennes.", "Devis n° 2023-118 accepté, chantier en septembre.",
    "Contact privilégié : la comptable.", "Intéressé par le contrat d'entretien annuel.",
};

constexpr sv kPlaces[] = {"du Centre", "de la Gare", "des Halles", "du Marché", "du Port",
                                       "de la Place", "du Château", "des Remparts"};

}  // namespace

std::span<const std::string_view> last_names() { return kLastNames; }
std::span<const FirstName> first_names() { return kFirstNames; }
std::span<const Commune> communes() { return kCommunes; }
std::span<const std::string_view> street_types() { return kStreetTypes; }
std::span<const std::string_view> street_names() { return kStreetNames; }
std::span<const std::string_view> address_complements() { return kComplements; }
std::span<const Trade> trades() { return kTrades; }
std::span<const std::string_view> contact_roles() { return kRoles; }
std::span<const std::string_view> personal_mail_domains() { return kMailDomains; }
std::span<const std::string_view> notes() { return kNotes; }
std::span<const std::string_view> place_suffixes() { return kPlaces; }

}  // namespace bench::data
