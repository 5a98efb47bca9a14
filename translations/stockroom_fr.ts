<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Access</name>
    <message>
        <location filename="../src/services/access.cpp" line="13"/>
        <source>this user</source>
        <translation>cet utilisateur</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="14"/>
        <source>%1 needs the %2 role; %3 is signed in as %4.</source>
        <translation>%1 nécessite le rôle %2 ; %3 est connecté en tant que %4.</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="22"/>
        <source>clerk</source>
        <translation>employé</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="24"/>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="26"/>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
</context>
<context>
    <name>AtpChart</name>
    <message>
        <location filename="../qml/AtpChart.qml" line="86"/>
        <source>Units</source>
        <comment>@title:axis</comment>
        <translation>Unités</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="89"/>
        <source>After forecast demand, 80 %</source>
        <comment>@label chart series</comment>
        <translation>Après la demande prévue, 80 %</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="105"/>
        <source>After forecast demand</source>
        <comment>@label chart series</comment>
        <translation>Après la demande prévue</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="115"/>
        <source>Available to promise</source>
        <comment>@label chart series</comment>
        <translation>Disponible à la vente</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="124"/>
        <source>Arrival</source>
        <comment>@label chart series: purchase order or transfer arriving</comment>
        <translation>Arrivée</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../qml/AuditPage.qml" line="14"/>
        <source>Audit</source>
        <comment>@title:tab</comment>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="34"/>
        <source>Everyone</source>
        <comment>@item:inlistbox</comment>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="36"/>
        <source>User</source>
        <comment>@label:listbox</comment>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="41"/>
        <source>Every kind</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les types</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="43"/>
        <source>Kind</source>
        <comment>@label:listbox</comment>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="48"/>
        <source>from YYYY-MM-DD</source>
        <comment>@info:placeholder</comment>
        <translation>du AAAA-MM-JJ</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="51"/>
        <source>From date</source>
        <comment>@label:textbox</comment>
        <translation>Date de début</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="56"/>
        <source>to YYYY-MM-DD</source>
        <comment>@info:placeholder</comment>
        <translation>au AAAA-MM-JJ</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="59"/>
        <source>To date</source>
        <comment>@label:textbox</comment>
        <translation>Date de fin</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="64"/>
        <source>SKU, document, user, text…</source>
        <comment>@info:placeholder</comment>
        <translation>SKU, document, utilisateur, texte…</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="66"/>
        <source>Search the audit trail</source>
        <comment>@label:textbox</comment>
        <translation>Rechercher dans le journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="77"/>
        <source>Every change</source>
        <comment>@option:check</comment>
        <translation>Toutes les modifications</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="81"/>
        <source>Also list every write of the change log (orders, stock), not only edits, approvals, users and sign-ins</source>
        <comment>@info:tooltip</comment>
        <translation>Lister aussi chaque écriture du journal des modifications (commandes, stock), pas seulement les modifications, approbations, utilisateurs et connexions</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="95"/>
        <source>When</source>
        <comment>@title:column</comment>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="96"/>
        <source>Who</source>
        <comment>@title:column</comment>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="97"/>
        <source>What</source>
        <comment>@title:column</comment>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="98"/>
        <source>Of</source>
        <comment>@title:column entity and key</comment>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="99"/>
        <source>Details</source>
        <comment>@title:column</comment>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="166"/>
        <source>%1: %2 → %3</source>
        <comment>@info field: before → after</comment>
        <translation>%1 : %2 → %3</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="181"/>
        <source>Nothing recorded for this filter.</source>
        <comment>@info</comment>
        <translation>Rien n&apos;est enregistré pour ce filtre.</translation>
    </message>
</context>
<context>
    <name>BackorderFiller</name>
    <message>
        <location filename="../src/services/orderflow.cpp" line="184"/>
        <source>A backorder changed while stock arrived.</source>
        <translation>Une commande en attente a changé pendant l&apos;arrivée du stock.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="189"/>
        <source>backorder filled</source>
        <translation>commande en attente honorée</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="192"/>
        <source>%1 × %2 allocated at %3 as stock arrived (backorder filled)</source>
        <translation>%1 × %2 alloué à %3 à l&apos;arrivée du stock (commande en attente honorée)</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="197"/>
        <source>allocated</source>
        <translation>alloué</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <location filename="../src/store/backup.cpp" line="90"/>
        <location filename="../src/store/backup.cpp" line="115"/>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="181"/>
        <source>The database is busy (%1); try again.</source>
        <translation>La base de données est occupée (%1) ; réessayez.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="183"/>
        <source>Database error while %1: %2</source>
        <translation>Erreur de base de données lors de %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="195"/>
        <source>Cannot start copying the database: %1</source>
        <translation>Impossible de commencer la copie de la base de données : %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="209"/>
        <source>The database stayed busy for %1 seconds; try again.</source>
        <translation>La base de données est restée occupée pendant %1 secondes ; réessayez.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="214"/>
        <source>Copying the database failed: %1</source>
        <translation>La copie de la base de données a échoué : %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="227"/>
        <source>closing the copy</source>
        <translation>la fermeture de la copie</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="247"/>
        <source>Cannot move the backup to %1: %2</source>
        <translation>Impossible de déplacer la sauvegarde vers %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="272"/>
        <source>%1 is busy (%2); try again.</source>
        <translation>%1 est occupé (%2) ; réessayez.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="275"/>
        <location filename="../src/store/backup.cpp" line="337"/>
        <source>%1 cannot be read as a SQLite database: %2.</source>
        <translation>%1 ne peut pas être lu comme base de données SQLite : %2.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="300"/>
        <source>Stockroom backs up SQLite databases only. Back up PostgreSQL with its own tools: pg_dump -Fc for a backup file (pg_restore restores it), or WAL archiving with pg_basebackup for point-in-time recovery. The README&apos;s section &quot;Backups&quot; shows the commands.</source>
        <translation>Stockroom ne sauvegarde que les bases de données SQLite. Sauvegardez PostgreSQL avec ses propres outils : pg_dump -Fc pour un fichier de sauvegarde (pg_restore le restaure), ou l&apos;archivage WAL avec pg_basebackup pour une restauration à un instant donné. La section « Backups » du README montre les commandes.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="310"/>
        <source>There is no file %1.</source>
        <translation>Le fichier %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="313"/>
        <location filename="../src/store/backup.cpp" line="404"/>
        <source>%1 is not a file.</source>
        <translation>%1 n&apos;est pas un fichier.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="317"/>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="323"/>
        <source>%1 is not a SQLite database, so it is no Stockroom backup.</source>
        <translation>%1 n&apos;est pas une base de données SQLite, ce n&apos;est donc pas une sauvegarde Stockroom.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="330"/>
        <source>%1 is damaged (SQLite&apos;s integrity check: %2).</source>
        <translation>%1 est endommagé (contrôle d&apos;intégrité de SQLite : %2).</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="344"/>
        <source>%1 is a SQLite database but not a Stockroom database (it has no schema_version table).</source>
        <translation>%1 est une base de données SQLite mais pas une base de données Stockroom (elle n&apos;a pas de table schema_version).</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="355"/>
        <source>%1 is not a Stockroom database: it lacks the tables %2.</source>
        <translation>%1 n&apos;est pas une base de données Stockroom : il lui manque les tables %2.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="361"/>
        <source>%1 is not a Stockroom database: it records no schema version.</source>
        <translation>%1 n&apos;est pas une base de données Stockroom : elle n&apos;enregistre aucune version de schéma.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="367"/>
        <source>%1 comes from a newer Stockroom (schema version %2; this one knows versions up to %3). Update Stockroom before restoring it.</source>
        <translation>%1 provient d&apos;une version plus récente de Stockroom (version de schéma %2 ; celle-ci connaît les versions jusqu&apos;à %3). Mettez Stockroom à jour avant de la restaurer.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="377"/>
        <source>%1 cannot be read as a Stockroom database: %2</source>
        <translation>%1 ne peut pas être lu comme base de données Stockroom : %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="392"/>
        <source>The SQLite connection gives no handle to back up from.</source>
        <translation>La connexion SQLite ne fournit aucun handle à partir duquel sauvegarder.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="395"/>
        <source>A backup needs the name of the file to write.</source>
        <translation>Une sauvegarde nécessite le nom du fichier à écrire.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="401"/>
        <source>%1 is the database itself: write the backup to another file.</source>
        <translation>%1 est la base de données elle-même : écrivez la sauvegarde dans un autre fichier.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="408"/>
        <location filename="../src/store/backup.cpp" line="465"/>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="412"/>
        <source>The database %1 is empty: there is nothing to back up.</source>
        <translation>La base de données %1 est vide : il n&apos;y a rien à sauvegarder.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="421"/>
        <location filename="../src/store/backup.cpp" line="474"/>
        <source>Cannot write in the folder %1: %2</source>
        <translation>Impossible d&apos;écrire dans le dossier %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="427"/>
        <source>The backup failed its check, so %1 was not written: %2</source>
        <translation>La sauvegarde a échoué à sa vérification, %1 n&apos;a donc pas été écrit : %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="431"/>
        <source>The backup has schema version %1 where the database has %2, so %3 was not written.</source>
        <translation>La sauvegarde a la version de schéma %1 alors que la base de données a la version %2, %3 n&apos;a donc pas été écrit.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="446"/>
        <source>The database was not changed.</source>
        <translation>La base de données n&apos;a pas été modifiée.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="452"/>
        <source>The SQLite connection gives no handle to restore into.</source>
        <translation>La connexion SQLite ne fournit aucun handle dans lequel restaurer.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="455"/>
        <source>%1 is the database itself.</source>
        <translation>%1 est la base de données elle-même.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="498"/>
        <source>%1 comes from an older Stockroom (schema version %2) and could not be brought up to date: %3</source>
        <translation>%1 provient d&apos;une version plus ancienne de Stockroom (version de schéma %2) et n&apos;a pas pu être mis à jour : %3</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="512"/>
        <source>staging the file</source>
        <translation>la préparation du fichier</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="520"/>
        <source>Cannot read the page size: %1</source>
        <translation>Impossible de lire la taille de page : %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="528"/>
        <source>adapting the page size</source>
        <translation>l&apos;adaptation de la taille de page</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="548"/>
        <source>Could not keep a copy of the database before restoring: %1</source>
        <translation>Impossible de conserver une copie de la base de données avant la restauration : %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="587"/>
        <source>The restored database fails its check (schema version %1; %2). The database as it was is in %3.</source>
        <translation>La base de données restaurée échoue à sa vérification (version de schéma %1 ; %2). La base de données dans son état précédent se trouve dans %3.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="605"/>
        <source>The daily backup keeps at least one file, not %1.</source>
        <translation>La sauvegarde quotidienne conserve au moins un fichier, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="609"/>
        <source>There is no database at %1.</source>
        <translation>Il n&apos;y a pas de base de données à %1.</translation>
    </message>
</context>
<context>
    <name>CatalogService</name>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="25"/>
        <source>A location is a warehouse, a store or a third_party, not &quot;%1&quot;.</source>
        <translation>Un emplacement est de type warehouse, store ou third_party, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="52"/>
        <location filename="../src/services/catalogservice.cpp" line="384"/>
        <source>The SKU</source>
        <translation>Le SKU</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="54"/>
        <location filename="../src/services/catalogservice.cpp" line="391"/>
        <source>The product name</source>
        <translation>Le nom de l&apos;article</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="55"/>
        <source>The barcode</source>
        <translation>Le code-barres</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="61"/>
        <source>The location code</source>
        <translation>Le code de l&apos;emplacement</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="63"/>
        <source>The location name</source>
        <translation>Le nom de l&apos;emplacement</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="65"/>
        <source>The postcode</source>
        <translation>Le code postal</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="67"/>
        <source>The region</source>
        <translation>La région</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="68"/>
        <source>The address</source>
        <translation>L&apos;adresse</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="77"/>
        <source>A product needs a SKU.</source>
        <translation>Un article nécessite un SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="80"/>
        <location filename="../src/services/catalogservice.cpp" line="166"/>
        <source>Product %1 needs a name.</source>
        <translation>L&apos;article %1 nécessite un nom.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="84"/>
        <location filename="../src/services/catalogservice.cpp" line="170"/>
        <source>Price, cost and weight of %1 cannot be negative.</source>
        <translation>Le prix, le coût et le poids de %1 ne peuvent pas être négatifs.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="89"/>
        <source>Setting prices and costs</source>
        <translation>Définir les prix et les coûts</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="96"/>
        <source>SKU %1 exists already.</source>
        <translation>Le SKU %1 existe déjà.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="101"/>
        <location filename="../src/services/catalogservice.cpp" line="180"/>
        <source>Barcode %1 belongs to %2 already.</source>
        <translation>Le code-barres %1 appartient déjà à %2.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="111"/>
        <source>product %1 added</source>
        <translation>article %1 ajouté</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="124"/>
        <source>A location needs a code and a name.</source>
        <translation>Un emplacement nécessite un code et un nom.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="127"/>
        <source>Adding a location</source>
        <translation>Ajouter un emplacement</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="133"/>
        <source>Location %1 exists already.</source>
        <translation>L&apos;emplacement %1 existe déjà.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="141"/>
        <source>location %1 added</source>
        <translation>emplacement %1 ajouté</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="157"/>
        <source>The barcode of %1 is not a GTIN: %2</source>
        <translation>Le code-barres de %1 n&apos;est pas un GTIN : %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="198"/>
        <source>Changing prices and costs</source>
        <translation>Modifier les prix et les coûts</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="206"/>
        <location filename="../src/services/catalogservice.cpp" line="243"/>
        <source>%1 changed: %2</source>
        <translation>%1 modifié : %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="211"/>
        <source>%1 was changed meanwhile.</source>
        <translation>%1 a été modifié entre-temps.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="226"/>
        <source>A location needs a name.</source>
        <translation>Un emplacement nécessite un nom.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="229"/>
        <source>Changing a location</source>
        <translation>Modifier un emplacement</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="261"/>
        <source>Reorder point and quantity are 0 to 1,000,000.</source>
        <translation>Le point de commande et la quantité de réapprovisionnement vont de 0 à 1 000 000.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="265"/>
        <source>Changing reorder points and quantities</source>
        <translation>Modifier les points de commande et les quantités de réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="291"/>
        <source>%1 at %2: %3</source>
        <translation>%1 à %2 : %3</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="326"/>
        <source>Importing products</source>
        <translation>Importer des articles</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="404"/>
        <source>unknown SKU &quot;%1&quot;: import the products first</source>
        <translation>SKU « %1 » inconnu : importez d&apos;abord les articles</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="423"/>
        <source>a new product needs a name</source>
        <translation>un nouvel article nécessite un nom</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="432"/>
        <source>barcode %1 belongs to %2 already</source>
        <translation>le code-barres %1 appartient déjà à %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="451"/>
        <source>no location given: choose the location the stock is at</source>
        <translation>aucun emplacement indiqué : choisissez l&apos;emplacement où se trouve le stock</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="452"/>
        <source>unknown location &quot;%1&quot;: map it to one of our locations</source>
        <translation>emplacement « %1 » inconnu : associez-le à l&apos;un de nos emplacements</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="460"/>
        <source>%1 at %2: %3 on hand is less than the %4 reserved for orders</source>
        <translation>%1 à %2 : %3 en stock, c&apos;est moins que les %4 réservés pour des commandes</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="471"/>
        <source>%1 at %2 is already on line %3</source>
        <translation>%1 à %2 figure déjà à la ligne %3</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="552"/>
        <source>Stock of %1 at %2 changed during the import.</source>
        <translation>Le stock de %1 à %2 a changé pendant l&apos;importation.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="564"/>
        <source>import of %1, line %2</source>
        <translation>importation de %1, ligne %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="581"/>
        <source>%1 new, %2 changed, %3 unchanged products; %4 stock levels set</source>
        <translation>%1 nouveaux articles, %2 modifiés, %3 inchangés ; %4 niveaux de stock définis</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="593"/>
        <source>%1: %2 new, %3 changed products; %4 stock levels set</source>
        <translation>%1 : %2 nouveaux articles, %3 modifiés ; %4 niveaux de stock définis</translation>
    </message>
</context>
<context>
    <name>ChannelSettingsDialog</name>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="58"/>
        <source>“%1” is not a whole number.</source>
        <comment>@info</comment>
        <translation>« %1 » n&apos;est pas un nombre entier.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="69"/>
        <source>New channel</source>
        <comment>@title:window</comment>
        <translation>Nouveau canal de vente</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="70"/>
        <source>Feed settings of %1</source>
        <comment>@title:window</comment>
        <translation>Paramètres du flux de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="88"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="94"/>
        <source>Save the settings (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Enregistrer les paramètres (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="97"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="120"/>
        <source>Channel:</source>
        <comment>@label:textbox</comment>
        <translation>Canal de vente :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="127"/>
        <source>e.g. web, shopify, amazon</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. web, shopify, amazon</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="128"/>
        <source>Channel name</source>
        <comment>@label</comment>
        <translation>Nom du canal de vente</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="132"/>
        <source>Hold back:</source>
        <comment>@label:spinbox</comment>
        <translation>Retenir :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="143"/>
        <source>Buffer in units</source>
        <comment>@label</comment>
        <translation>Tampon en unités</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="146"/>
        <source>units and</source>
        <comment>@label:spinbox buffer: N units and P %</comment>
        <translation>unités et</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="154"/>
        <source>Buffer in percent</source>
        <comment>@label</comment>
        <translation>Tampon en pourcentage</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="157"/>
        <source>%</source>
        <comment>@label:spinbox percent</comment>
        <translation>%</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="163"/>
        <source>Of every number the feed sends: a buffer keeps the channel from selling the last units twice.</source>
        <comment>@info</comment>
        <translation>Sur chaque quantité envoyée par le flux : un tampon évite que le canal de vente vende deux fois les dernières unités.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="169"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="178"/>
        <source>Feed file format</source>
        <comment>@label</comment>
        <translation>Format du fichier de flux</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="183"/>
        <source>Locations:</source>
        <comment>@label</comment>
        <translation>Emplacements :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="203"/>
        <source>Sell from %1</source>
        <comment>@option:check location</comment>
        <translation>Vendre depuis %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="210"/>
        <source>None checked: every active location.</source>
        <comment>@info</comment>
        <translation>Aucun coché : tous les emplacements actifs.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="211"/>
        <source>Only the checked locations&apos; stock is offered.</source>
        <comment>@info</comment>
        <translation>Seul le stock des emplacements cochés est proposé.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="232"/>
        <source>The database cannot be reached: settings cannot be saved now.</source>
        <comment>@info</comment>
        <translation>La base de données est inaccessible : les paramètres ne peuvent pas être enregistrés pour le moment.</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="15"/>
        <source>Channels</source>
        <comment>@title:tab</comment>
        <translation>Canaux de vente</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="102"/>
        <source>Write the stock feed of %1</source>
        <comment>@title:window</comment>
        <translation>Écrire le flux de stock de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="105"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="105"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="128"/>
        <source>What each channel may sell, per SKU: available stock minus waiting orders and the channel&apos;s buffer.</source>
        <comment>@info</comment>
        <translation>Ce que chaque canal de vente peut vendre, par SKU : le stock disponible moins les commandes en cours et le tampon du canal.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="137"/>
        <source>Loading</source>
        <comment>@info</comment>
        <translation>Chargement</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="140"/>
        <source>New channel…</source>
        <comment>@action:button</comment>
        <translation>Nouveau canal de vente…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="144"/>
        <source>Set up a channel&apos;s stock feed (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation>Configurer le flux de stock d&apos;un canal de vente (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="145"/>
        <source>New channel</source>
        <comment>@action:button</comment>
        <translation>Nouveau canal de vente</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="171"/>
        <source>Channels</source>
        <comment>@label</comment>
        <translation>Canaux de vente</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="189"/>
        <source>%1: %2</source>
        <comment>@info channel: feed status</comment>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="222"/>
        <source>Written %1 by %2</source>
        <comment>@info time, user</comment>
        <translation>Écrit %1 par %2</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="223"/>
        <source>Feed never written</source>
        <comment>@info</comment>
        <translation>Flux jamais écrit</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="230"/>
        <source>To %1</source>
        <comment>@info feed file</comment>
        <translation>Vers %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="236"/>
        <source>%1 · buffer %2 · %3</source>
        <comment>@info format · buffer · locations</comment>
        <translation>%1 · tampon %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="251"/>
        <source>No channels yet: orders from a channel, or New channel…, bring one.</source>
        <comment>@info</comment>
        <translation>Aucun canal de vente pour l&apos;instant : les commandes d&apos;un canal, ou Nouveau canal de vente…, en créent un.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="267"/>
        <source>Choose a channel.</source>
        <comment>@info</comment>
        <translation>Choisissez un canal de vente.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="267"/>
        <source>Loading the channels…</source>
        <comment>@info</comment>
        <translation>Chargement des canaux de vente…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="298"/>
        <source>Last written:</source>
        <comment>@label</comment>
        <translation>Dernière écriture :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="303"/>
        <source>%1 by %2</source>
        <comment>@info time, user</comment>
        <translation>%1 par %2</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="304"/>
        <source>never</source>
        <comment>@info feed written</comment>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="308"/>
        <source>File:</source>
        <comment>@label</comment>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="313"/>
        <source>none yet</source>
        <comment>@info feed file</comment>
        <translation>aucun pour l&apos;instant</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="317"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="325"/>
        <source>Buffer:</source>
        <comment>@label</comment>
        <translation>Tampon :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="333"/>
        <source>Locations:</source>
        <comment>@label</comment>
        <translation>Emplacements :</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="348"/>
        <source>Write feed…</source>
        <comment>@action:button</comment>
        <translation>Écrire le flux…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="355"/>
        <source>Write what the channel may sell now to a file (Ctrl+S)</source>
        <comment>@info:tooltip</comment>
        <translation>Écrire dans un fichier ce que le canal de vente peut vendre maintenant (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="356"/>
        <source>Write the stock feed of %1</source>
        <comment>@action:button</comment>
        <translation>Écrire le flux de stock de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="359"/>
        <source>Settings…</source>
        <comment>@action:button</comment>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="363"/>
        <source>Buffer, locations and format of the feed (Ctrl+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Tampon, emplacements et format du flux (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="364"/>
        <source>Feed settings of %1</source>
        <comment>@action:button</comment>
        <translation>Paramètres du flux de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="385"/>
        <source>Dismiss the message</source>
        <comment>@action:button</comment>
        <translation>Fermer le message</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ChannelsPage.qml" line="394"/>
        <source>%n number(s) differ from the last feed:</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n quantité diffère du dernier flux :</numerusform>
            <numerusform>%n quantités diffèrent du dernier flux :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ChannelsPage.qml" line="395"/>
        <source>%n number(s) to send in the first feed:</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n quantité à envoyer dans le premier flux :</numerusform>
            <numerusform>%n quantités à envoyer dans le premier flux :</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="396"/>
        <source>Every number matches the last feed.</source>
        <comment>@info</comment>
        <translation>Toutes les quantités correspondent au dernier flux.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="422"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="422"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="423"/>
        <source>Last sent</source>
        <comment>@title:column</comment>
        <translation>Dernier envoi</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="423"/>
        <source>Now</source>
        <comment>@title:column</comment>
        <translation>Actuel</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="424"/>
        <source>Difference</source>
        <comment>@title:column</comment>
        <translation>Différence</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="452"/>
        <source>Changed numbers</source>
        <comment>@label</comment>
        <translation>Quantités modifiées</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="468"/>
        <source>%1 at %2: last sent %3, now %4</source>
        <comment>@info</comment>
        <translation>%1 à %2 : dernier envoi %3, actuellement %4</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="514"/>
        <source>✓ Up to date: the channel has what Stockroom would send now.</source>
        <comment>@info</comment>
        <translation>✓ À jour : le canal de vente a ce que Stockroom enverrait maintenant.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="515"/>
        <source>Nothing to send.</source>
        <comment>@info</comment>
        <translation>Rien à envoyer.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="524"/>
        <source>Showing the first %1 of %2.</source>
        <comment>@info</comment>
        <translation>Affichage des %1 premiers sur %2.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="18"/>
        <source>Database connection</source>
        <comment>@title:window</comment>
        <translation>Connexion à la base de données</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="41"/>
        <source>Engine:</source>
        <comment>@label:listbox</comment>
        <translation>Moteur :</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="50"/>
        <source>SQLite file (this desktop only)</source>
        <comment>@item:inlistbox</comment>
        <translation>Fichier SQLite (ce poste uniquement)</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="51"/>
        <source>PostgreSQL server (shared)</source>
        <comment>@item:inlistbox</comment>
        <translation>Serveur PostgreSQL (partagé)</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="55"/>
        <source>Engine</source>
        <comment>@label</comment>
        <translation>Moteur</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="60"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="67"/>
        <source>Database file</source>
        <comment>@label</comment>
        <translation>Fichier de base de données</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="72"/>
        <source>Host:</source>
        <comment>@label:textbox</comment>
        <translation>Hôte :</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="79"/>
        <source>Host</source>
        <comment>@label</comment>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="83"/>
        <source>Port:</source>
        <comment>@label:spinbox</comment>
        <translation>Port :</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="93"/>
        <source>Port</source>
        <comment>@label</comment>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="97"/>
        <source>Database:</source>
        <comment>@label:textbox</comment>
        <translation>Base de données :</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="104"/>
        <source>Database name</source>
        <comment>@label</comment>
        <translation>Nom de la base de données</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="108"/>
        <source>User:</source>
        <comment>@label:textbox</comment>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="115"/>
        <source>User</source>
        <comment>@label</comment>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="119"/>
        <source>Password:</source>
        <comment>@label:textbox</comment>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="127"/>
        <source>Password</source>
        <comment>@label</comment>
        <translation>Mot de passe</translation>
    </message>
</context>
<context>
    <name>ConnectionSpec</name>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="43"/>
        <source>Unknown setting &quot;%1&quot; in the PostgreSQL address: Stockroom knows sslmode, sslrootcert, sslcert and sslkey.</source>
        <translation>Paramètre « %1 » inconnu dans l&apos;adresse PostgreSQL : Stockroom connaît sslmode, sslrootcert, sslcert et sslkey.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="49"/>
        <source>The setting %1 in the PostgreSQL address has no value.</source>
        <translation>Le paramètre %1 de l&apos;adresse PostgreSQL n&apos;a pas de valeur.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="54"/>
        <source>The setting %1 in the PostgreSQL address contains a &apos;;&apos; or a NUL character, which cannot reach the PostgreSQL library: rename the file.</source>
        <translation>Le paramètre %1 de l&apos;adresse PostgreSQL contient un « ; » ou un caractère NUL, qui ne peut pas être transmis à la bibliothèque PostgreSQL : renommez le fichier.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="61"/>
        <source>sslmode must be one of %1, not &quot;%2&quot;.</source>
        <translation>sslmode doit valoir l&apos;une des valeurs %1, et non « %2 ».</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="98"/>
        <source>The database connection string is empty.</source>
        <translation>La chaîne de connexion à la base de données est vide.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="105"/>
        <source>Cannot read the PostgreSQL address &quot;%1&quot;: expected postgresql://user[:password]@host[:port]/dbname.</source>
        <translation>Impossible de lire l&apos;adresse PostgreSQL « %1 » : format attendu postgresql://user[:password]@host[:port]/dbname.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="117"/>
        <source>The PostgreSQL address names no database: add /dbname at its end.</source>
        <translation>L&apos;adresse PostgreSQL n&apos;indique aucune base de données : ajoutez /dbname à la fin.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="133"/>
        <source>Unknown database kind in &quot;%1&quot;: use a file path, sqlite:PATH or postgresql://…</source>
        <translation>Type de base de données inconnu dans « %1 » : utilisez un chemin de fichier, sqlite:PATH ou postgresql://…</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="146"/>
        <source>synchronous must be off, normal, full or extra, not &quot;%1&quot;.</source>
        <translation>synchronous doit valoir off, normal, full ou extra, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="153"/>
        <source>The SQLite connection string names no file.</source>
        <translation>La chaîne de connexion SQLite n&apos;indique aucun fichier.</translation>
    </message>
</context>
<context>
    <name>CountService</name>
    <message>
        <location filename="../src/services/countservice.cpp" line="15"/>
        <source>whole location</source>
        <translation>emplacement entier</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="19"/>
        <source>bins %1*</source>
        <translation>casiers %1*</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="22"/>
        <source>class %1</source>
        <translation>classe %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="25"/>
        <source>not counted for %n days</source>
        <translation>
            <numerusform>non compté depuis %n jour</numerusform>
            <numerusform>non compté depuis %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="28"/>
        <source>%n SKUs</source>
        <translation>
            <numerusform>%n SKU</numerusform>
            <numerusform>%n SKU</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="39"/>
        <source>A cycle count needs a subset: bins, an ABC class, days since the last count, or SKUs.</source>
        <translation>Un inventaire tournant nécessite un sous-ensemble : des casiers, une classe ABC, un nombre de jours depuis le dernier comptage, ou des SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="43"/>
        <source>ABC classes are A, B and C, not %1.</source>
        <translation>Les classes ABC sont A, B et C, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="93"/>
        <source>No products at %1 match this count (%2).</source>
        <translation>Aucun article de %1 ne correspond à cet inventaire (%2).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="99"/>
        <source>%n product(s) are already in an unfinished count at %1: %2. Finish that count first.</source>
        <translation>
            <numerusform>%n article figure déjà dans un inventaire non terminé à %1 : %2. Terminez d&apos;abord cet inventaire.</numerusform>
            <numerusform>%n articles figurent déjà dans un inventaire non terminé à %1 : %2. Terminez d&apos;abord cet inventaire.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="125"/>
        <source>There is no stock count %1.</source>
        <translation>Il n&apos;existe pas d&apos;inventaire %1.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="132"/>
        <source>A counted quantity is 0 to 1,000,000 (adding: at least 1), not %1.</source>
        <translation>Une quantité comptée va de 0 à 1 000 000 (en ajout : au moins 1), et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="146"/>
        <source>%1 is %2: counting has ended.</source>
        <translation>%1 est %2 : le comptage est terminé.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="155"/>
        <source>%1 is not on %2: count it in a count of its own, or start a count that includes it.</source>
        <translation>%1 ne figure pas dans %2 : comptez-le dans un inventaire séparé, ou démarrez un inventaire qui l&apos;inclut.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="201"/>
        <source>%1 has %n line(s) not counted yet: %2. Count them (0 if none are there) before submitting.</source>
        <translation>
            <numerusform>%1 a encore %n ligne non comptée : %2. Comptez-la (0 s&apos;il n&apos;y a rien) avant de soumettre.</numerusform>
            <numerusform>%1 a encore %n lignes non comptées : %2. Comptez-les (0 s&apos;il n&apos;y a rien) avant de soumettre.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="207"/>
        <source>submitted</source>
        <translation>soumis</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="218"/>
        <source>Approving a count&apos;s variances</source>
        <translation>Approuver les écarts d&apos;un inventaire</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="221"/>
        <source>approved</source>
        <translation>approuvé</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="232"/>
        <source>approved %1 at %2: %n line(s) adjusted</source>
        <translation>
            <numerusform>%1 approuvé à %2 : %n ligne ajustée</numerusform>
            <numerusform>%1 approuvé à %2 : %n lignes ajustées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="251"/>
        <source>%1 cannot be approved: %2 at %3 would go from %4 to %5 on hand, but %6 are reserved for orders. Cancel or reroute those orders, or recount.</source>
        <translation>%1 ne peut pas être approuvé : %2 à %3 passerait de %4 à %5 en stock, mais %6 sont réservés pour des commandes. Annulez ces commandes ou réaffectez-les, ou recomptez.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="263"/>
        <source>counted %1, book %2</source>
        <translation>compté %1, théorique %2</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="278"/>
        <source>Rejecting a count needs a reason.</source>
        <translation>Le rejet d&apos;un inventaire nécessite un motif.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="280"/>
        <source>Rejecting a count</source>
        <translation>Rejeter un inventaire</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="283"/>
        <source>rejected: %1</source>
        <translation>rejeté : %1</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="285"/>
        <source>rejected</source>
        <translation>rejeté</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="296"/>
        <source>reopened</source>
        <translation>rouvert</translation>
    </message>
</context>
<context>
    <name>CountsPage</name>
    <message>
        <location filename="../qml/CountsPage.qml" line="14"/>
        <source>Counts</source>
        <comment>@title:tab</comment>
        <translation>Inventaires</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="107"/>
        <source>Submit %1?</source>
        <comment>@title:window</comment>
        <translation>Soumettre %1 ?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="109"/>
        <source>%n line(s) are not counted yet: count them first (0 if none are there).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n ligne n&apos;est pas encore comptée : comptez-la d&apos;abord (0 s&apos;il n&apos;y a rien).</numerusform>
            <numerusform>%n lignes ne sont pas encore comptées : comptez-les d&apos;abord (0 s&apos;il n&apos;y a rien).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="110"/>
        <source>Counting ends and the variance report goes to a manager.</source>
        <comment>@info</comment>
        <translation>Le comptage se termine et le rapport d&apos;écarts est transmis à un responsable.</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="119"/>
        <source>Approve %1?</source>
        <comment>@title:window</comment>
        <translation>Approuver %1 ?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="132"/>
        <source>The stock at %1 is adjusted to what was counted: %n line(s), net %2 units (%3).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Le stock à %1 est ajusté selon le comptage : %n ligne, net %2 unités (%3).</numerusform>
            <numerusform>Le stock à %1 est ajusté selon le comptage : %n lignes, net %2 unités (%3).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="139"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Note (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="140"/>
        <source>Approval note</source>
        <comment>@label</comment>
        <translation>Note d&apos;approbation</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="151"/>
        <source>Reject %1</source>
        <comment>@title:window</comment>
        <translation>Rejeter %1</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="170"/>
        <source>Nothing is booked. Why?</source>
        <comment>@label:textbox</comment>
        <translation>Rien n&apos;est comptabilisé. Pourquoi ?</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="176"/>
        <source>e.g. counted the wrong bins</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. mauvais casiers comptés</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="177"/>
        <source>Reason for rejecting</source>
        <comment>@label</comment>
        <translation>Motif du rejet</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="208"/>
        <source>Show stock counts by status</source>
        <comment>@label</comment>
        <translation>Afficher les inventaires par statut</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="211"/>
        <source>Start count…</source>
        <comment>@action:button</comment>
        <translation>Démarrer un inventaire…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="216"/>
        <source>Start a stock count</source>
        <comment>@action:button</comment>
        <translation>Démarrer un inventaire</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="221"/>
        <source>%n count(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n inventaire</numerusform>
            <numerusform>%n inventaires</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="237"/>
        <source>Count</source>
        <comment>@title:column</comment>
        <translation>Inventaire</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="237"/>
        <source>Location · scope</source>
        <comment>@title:column</comment>
        <translation>Emplacement · périmètre</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="238"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="238"/>
        <source>Started</source>
        <comment>@title:column</comment>
        <translation>Démarré</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="239"/>
        <source>Counted</source>
        <comment>@title:column counted / all lines</comment>
        <translation>Comptés</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="239"/>
        <source>Variance</source>
        <comment>@title:column</comment>
        <translation>Écart</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="241"/>
        <source>No stock counts here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation>Aucun inventaire ici. Ctrl+N en démarre un.</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="255"/>
        <source>No stock count selected</source>
        <comment>@info</comment>
        <translation>Aucun inventaire sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="277"/>
        <source>Blind</source>
        <comment>@info the counter does not see the expected quantities</comment>
        <translation>À l&apos;aveugle</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="291"/>
        <source>started by %1, %2</source>
        <comment>@info</comment>
        <translation>démarré par %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="292"/>
        <source>submitted by %1, %2</source>
        <comment>@info</comment>
        <translation>soumis par %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="293"/>
        <source>%1 by %2, %3</source>
        <comment>@info decision by who, when</comment>
        <translation>%1 par %2, %3</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="302"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation>Note : %1</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="303"/>
        <source>Decision: %1</source>
        <comment>@info</comment>
        <translation>Décision : %1</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="338"/>
        <source>Qty (empty: +1)</source>
        <comment>@info:placeholder</comment>
        <translation>Qté (vide : +1)</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="345"/>
        <source>Counted quantity; empty adds one per scan</source>
        <comment>@label</comment>
        <translation>Quantité comptée ; vide ajoute une unité par scan</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="358"/>
        <source>Scan or type SKU / GTIN (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>Scannez ou saisissez un SKU / GTIN (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="361"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation>Scan ou SKU</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="365"/>
        <source>Record</source>
        <comment>@action:button</comment>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="368"/>
        <source>Record the count</source>
        <comment>@action:button</comment>
        <translation>Enregistrer le comptage</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="386"/>
        <source>Lines counted</source>
        <comment>@label</comment>
        <translation>Lignes comptées</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="390"/>
        <source>%1 of %n line(s) counted</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 sur %n ligne comptée</numerusform>
            <numerusform>%1 sur %n lignes comptées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="403"/>
        <source>Submit…</source>
        <comment>@action:button end counting</comment>
        <translation>Soumettre…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="410"/>
        <source>Approve…</source>
        <comment>@action:button book the variances</comment>
        <translation>Approuver…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="418"/>
        <source>Reject…</source>
        <comment>@action:button</comment>
        <translation>Rejeter…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="425"/>
        <source>Reopen</source>
        <comment>@action:button count again</comment>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="441"/>
        <source>No variance: every counted line matches the books.</source>
        <comment>@info</comment>
        <translation>Aucun écart : chaque ligne comptée correspond au stock théorique.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="442"/>
        <source>Net %1 units (%2) · %n line(s) differ · gross %3 units (%4)</source>
        <comment>@info variance totals</comment>
        <translation>
            <numerusform>Net %1 unités (%2) · %n ligne diffère · brut %3 unités (%4)</numerusform>
            <numerusform>Net %1 unités (%2) · %n lignes diffèrent · brut %3 unités (%4)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="453"/>
        <source>Only differences</source>
        <comment>@option:check</comment>
        <translation>Écarts uniquement</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="464"/>
        <location filename="../qml/CountsPage.qml" line="473"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="465"/>
        <location filename="../qml/CountsPage.qml" line="474"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="466"/>
        <source>Expected</source>
        <comment>@title:column on hand at the start</comment>
        <translation>Attendu</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="467"/>
        <source>At count</source>
        <comment>@title:column on hand when counted</comment>
        <translation>Au comptage</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="468"/>
        <location filename="../qml/CountsPage.qml" line="475"/>
        <source>Counted</source>
        <comment>@title:column</comment>
        <translation>Compté</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="469"/>
        <source>Var.</source>
        <comment>@title:column variance in units</comment>
        <translation>Écart</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="470"/>
        <source>Value</source>
        <comment>@title:column variance at average cost</comment>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="472"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Casier</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="476"/>
        <source>By</source>
        <comment>@title:column counted by</comment>
        <translation>Par</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="486"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation>Dernière modification par %1, %2</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../src/io/csvreader.cpp" line="105"/>
        <source>the file cannot be read any further: %1</source>
        <translation>le fichier ne peut plus être lu : %1</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="218"/>
        <source>a quoted field starts here and is never closed (a missing &quot;).</source>
        <translation>un champ entre guillemets commence ici et n&apos;est jamais fermé (un &quot; manquant).</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="231"/>
        <source>text follows a closing quote (a quote inside a quoted field is written &quot;&quot;).</source>
        <translation>du texte suit un guillemet fermant (un guillemet à l&apos;intérieur d&apos;un champ entre guillemets s&apos;écrit &quot;&quot;).</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="330"/>
        <source>the file is not UTF-8 text (save it as &quot;CSV UTF-8&quot;).</source>
        <translation>le fichier n&apos;est pas du texte UTF-8 (enregistrez-le au format « CSV UTF-8 »).</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="395"/>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <location filename="../src/io/dataexport.cpp" line="111"/>
        <location filename="../src/io/dataexport.cpp" line="121"/>
        <source>Writing failed: %1</source>
        <translation>Échec de l&apos;écriture : %1</translation>
    </message>
    <message>
        <location filename="../src/io/dataexport.cpp" line="133"/>
        <source>Cannot start the file over: %1</source>
        <translation>Impossible de recommencer le fichier : %1</translation>
    </message>
    <message>
        <location filename="../src/io/dataexport.cpp" line="145"/>
        <source>The output cannot be started over.</source>
        <translation>La sortie ne peut pas être recommencée.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/DashboardPage.qml" line="14"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="298"/>
        <source>Open orders</source>
        <comment>@label</comment>
        <translation>Commandes ouvertes</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="300"/>
        <source>%n backordered</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n en attente de stock</numerusform>
            <numerusform>%n en attente de stock</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="303"/>
        <source>Shipped orders</source>
        <comment>@label</comment>
        <translation>Commandes expédiées</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="305"/>
        <source>all time</source>
        <comment>@info</comment>
        <translation>depuis le début</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="308"/>
        <source>Units available</source>
        <comment>@label</comment>
        <translation>Unités disponibles</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="310"/>
        <source>of %1 on hand</source>
        <comment>@info</comment>
        <translation>sur %1 en stock</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="313"/>
        <source>Stock value</source>
        <comment>@label</comment>
        <translation>Valeur du stock</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="315"/>
        <source>%n stock line(s) sold out</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n ligne de stock en rupture</numerusform>
            <numerusform>%n lignes de stock en rupture</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="318"/>
        <source>Stock-out risks</source>
        <comment>@label</comment>
        <translation>Risques de rupture de stock</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="320"/>
        <source>cover shorter than the lead time</source>
        <comment>@info</comment>
        <translation>couverture inférieure au délai d&apos;approvisionnement</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="327"/>
        <source>The planning figures could not be read: %1</source>
        <comment>@info</comment>
        <translation>Les données de planification n&apos;ont pas pu être lues : %1</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="340"/>
        <source>Sales per week</source>
        <comment>@title</comment>
        <translation>Ventes par semaine</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="345"/>
        <source>No whole week of sales yet.</source>
        <comment>@info</comment>
        <translation>Pas encore de semaine complète de ventes.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="352"/>
        <source>Units ordered</source>
        <comment>@label chart series</comment>
        <translation>Unités commandées</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="353"/>
        <source>Trend</source>
        <comment>@label chart series</comment>
        <translation>Tendance</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="358"/>
        <source>Forecast vs actual, all products</source>
        <comment>@title</comment>
        <translation>Prévision et réel, tous les articles</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="363"/>
        <source>Nothing to compare yet.</source>
        <comment>@info</comment>
        <translation>Rien à comparer pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="370"/>
        <source>Actual units</source>
        <comment>@label chart series</comment>
        <translation>Unités réelles</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="371"/>
        <source>Forecast 4 weeks before</source>
        <comment>@label chart series</comment>
        <translation>Prévision 4 semaines avant</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="376"/>
        <source>Stock value by location</source>
        <comment>@title</comment>
        <translation>Valeur du stock par emplacement</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="378"/>
        <source>%1 in all, at moving-average cost</source>
        <comment>@info</comment>
        <translation>%1 au total, au coût moyen pondéré</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="382"/>
        <source>No stock on hand.</source>
        <comment>@info</comment>
        <translation>Aucun stock.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="388"/>
        <source>%n unit(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unité</numerusform>
            <numerusform>%n unités</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="395"/>
        <source>Stock-out risk (%1)</source>
        <comment>@title number of levels</comment>
        <translation>Risque de rupture de stock (%1)</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="396"/>
        <source>Cover: days that stock + on order + in transit last at the last 4 weeks&apos; rate. Enter opens the forecast.</source>
        <comment>@info</comment>
        <translation>Couverture : nombre de jours que durent le stock, les quantités en commande et en transit au rythme des 4 dernières semaines. Enter ouvre la prévision.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="401"/>
        <source>Replenish…</source>
        <comment>@action:button</comment>
        <translation>Réapprovisionner…</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="406"/>
        <source>Purchase and transfer suggestions, created as drafts (Ctrl+Shift+R)</source>
        <comment>@info:tooltip</comment>
        <translation>Suggestions d&apos;achat et de transfert, créées comme brouillons (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="407"/>
        <source>Replenish</source>
        <comment>@action:button</comment>
        <translation>Réapprovisionner</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="416"/>
        <source>No location runs out before a delivery could arrive.</source>
        <comment>@info</comment>
        <translation>Aucun emplacement n&apos;est en rupture avant qu&apos;une livraison puisse arriver.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="418"/>
        <location filename="../qml/DashboardPage.qml" line="436"/>
        <location filename="../qml/DashboardPage.qml" line="454"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="419"/>
        <source>Loc.</source>
        <comment>@title:column location</comment>
        <translation>Empl.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="420"/>
        <source>Cover d</source>
        <comment>@title:column days of cover</comment>
        <translation>Couv. j</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="421"/>
        <source>Lead d</source>
        <comment>@title:column lead time in days</comment>
        <translation>Délai j</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="422"/>
        <source>Out</source>
        <comment>@title:column expected stock-out day</comment>
        <translation>Rupture</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="427"/>
        <source>Top movers, last 30 days</source>
        <comment>@title</comment>
        <translation>Articles les plus vendus, 30 derniers jours</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="428"/>
        <source>Units ordered, and the change against the 30 days before.</source>
        <comment>@info</comment>
        <translation>Unités commandées, et l&apos;évolution par rapport aux 30 jours précédents.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="434"/>
        <source>Nothing ordered in the last 30 days.</source>
        <comment>@info</comment>
        <translation>Rien n&apos;a été commandé au cours des 30 derniers jours.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="437"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="438"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation>Unités</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="439"/>
        <source>Change</source>
        <comment>@title:column</comment>
        <translation>Évolution</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="444"/>
        <source>Slow movers (%1)</source>
        <comment>@title number of products</comment>
        <translation>Rotation lente (%1)</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="446"/>
        <source>In stock, no order for 60 days or more: %1 tied up.</source>
        <comment>@info</comment>
        <translation>En stock, aucune commande depuis 60 jours ou plus : %1 immobilisés.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="452"/>
        <source>Every product in stock sold in the last 60 days.</source>
        <comment>@info</comment>
        <translation>Chaque article en stock s&apos;est vendu au cours des 60 derniers jours.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="455"/>
        <source>Value</source>
        <comment>@title:column stock value</comment>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="456"/>
        <source>Since</source>
        <comment>@title:column last sale</comment>
        <translation>Depuis</translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <location filename="../src/io/dataexport.cpp" line="316"/>
        <location filename="../src/io/dataexport.cpp" line="320"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../src/store/database.cpp" line="29"/>
        <source>The text</source>
        <translation>Le texte</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="74"/>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation>Le pilote Qt SQL %1 n&apos;est pas installé (paquet Debian %2).</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="85"/>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Impossible de créer le dossier %1 pour la base de données.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="108"/>
        <source>(the server&apos;s certificate is not signed by the CA in %1: ask whoever runs the server for its CA certificate and name it in sslrootcert)</source>
        <translation>(le certificat du serveur n&apos;est pas signé par l&apos;autorité de certification de %1 : demandez son certificat d&apos;AC à la personne qui gère le serveur et indiquez-le dans sslrootcert)</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="115"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base de données %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="149"/>
        <source>switching to WAL</source>
        <translation>le passage en mode WAL</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="172"/>
        <source>The database is busy (%1); try again.</source>
        <translation>La base de données est occupée (%1) ; réessayez.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="177"/>
        <source>The disk that holds the database is full: free some space, then try again. (%1)</source>
        <translation>Le disque qui contient la base de données est plein : libérez de l&apos;espace, puis réessayez. (%1)</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="180"/>
        <source>Database error while %1: %2</source>
        <translation>Erreur de base de données lors de %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="191"/>
        <location filename="../src/store/database.cpp" line="233"/>
        <source>preparing a statement</source>
        <translation>la préparation d&apos;une requête</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="209"/>
        <location filename="../src/store/database.cpp" line="295"/>
        <location filename="../src/store/database.cpp" line="336"/>
        <source>running a statement</source>
        <translation>l&apos;exécution d&apos;une requête</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="241"/>
        <source>A statement takes %1 values, not %2: %3</source>
        <translation>Une requête attend %1 valeurs, et non %2 : %3</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="412"/>
        <location filename="../src/store/database.cpp" line="421"/>
        <source>An insert returned no id.</source>
        <translation>Une insertion n&apos;a renvoyé aucun identifiant.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="431"/>
        <location filename="../src/store/database.cpp" line="472"/>
        <source>running %1</source>
        <translation>l&apos;exécution de %1</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="467"/>
        <source>The connection to the database was lost while saving: whether the change was saved is unknown. Look it up before entering it again. (%1)</source>
        <translation>La connexion à la base de données a été perdue pendant l&apos;enregistrement : on ne sait pas si la modification a été enregistrée. Vérifiez-le avant de la saisir à nouveau. (%1)</translation>
    </message>
</context>
<context>
    <name>DemandChart</name>
    <message>
        <location filename="../qml/DemandChart.qml" line="50"/>
        <source>Units ordered</source>
        <comment>@label chart series</comment>
        <translation>Unités commandées</translation>
    </message>
    <message>
        <location filename="../qml/DemandChart.qml" line="58"/>
        <source>Orders</source>
        <comment>@label chart series</comment>
        <translation>Commandes</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <location filename="../src/services/demodata.cpp" line="166"/>
        <source>Archived orders must be between 1 and 5,000,000.</source>
        <translation>Le nombre de commandes archivées doit être compris entre 1 et 5 000 000.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="174"/>
        <source>Archived orders need the demo catalogue first (stockroomctl demo).</source>
        <translation>Les commandes archivées nécessitent d&apos;abord le catalogue de démonstration (stockroomctl demo).</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="237"/>
        <location filename="../src/services/demodata.cpp" line="288"/>
        <source>archived order</source>
        <translation>commande archivée</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="276"/>
        <source>archived history</source>
        <translation>historique archivé</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="305"/>
        <source>Demo products must be between 1 and 5000.</source>
        <translation>Le nombre d&apos;articles de démonstration doit être compris entre 1 et 5000.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="309"/>
        <source>Demo locations must be between 1 and %1.</source>
        <translation>Le nombre d&apos;emplacements de démonstration doit être compris entre 1 et %1.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="312"/>
        <source>Demo days must be between 1 and 3650.</source>
        <translation>Le nombre de jours de démonstration doit être compris entre 1 et 3650.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="317"/>
        <source>The database already holds products; demo data goes into an empty database.</source>
        <translation>La base de données contient déjà des articles ; les données de démonstration vont dans une base de données vide.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="439"/>
        <source>opening stock</source>
        <translation>stock initial</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="483"/>
        <source>rebalancing stock</source>
        <translation>rééquilibrage du stock</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="517"/>
        <source>quarterly count</source>
        <translation>inventaire trimestriel</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="520"/>
        <source>variances checked</source>
        <translation>écarts vérifiés</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="548"/>
        <source>damaged in transit</source>
        <translation>endommagé en transit</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="574"/>
        <source>for the weekend market</source>
        <translation>pour le marché du week-end</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="604"/>
        <source>supplier delivery</source>
        <translation>livraison fournisseur</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="627"/>
        <source>Front door</source>
        <translation>Porte d&apos;entrée</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="673"/>
        <source>Mail centre</source>
        <translation>Centre de tri postal</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="673"/>
        <source>Accepted at the mail centre</source>
        <translation>Pris en charge au centre de tri postal</translation>
    </message>
</context>
<context>
    <name>DocumentDelegate</name>
    <message>
        <location filename="../qml/DocumentDelegate.qml" line="33"/>
        <source>%1, %2, %3</source>
        <comment>@info accessible: number, where, status</comment>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <location filename="../qml/DocumentDelegate.qml" line="94"/>
        <source>Overdue</source>
        <comment>@info:tooltip expected date passed</comment>
        <translation>En retard</translation>
    </message>
</context>
<context>
    <name>DocumentFlow</name>
    <message>
        <location filename="../src/services/documentflow.cpp" line="17"/>
        <source>%1 needs a quantity between 1 and %2, not %3.</source>
        <translation>%1 nécessite une quantité comprise entre 1 et %2, et non %3.</translation>
    </message>
    <message>
        <location filename="../src/services/documentflow.cpp" line="44"/>
        <source>%1 was changed meanwhile.</source>
        <translation>%1 a été modifié entre-temps.</translation>
    </message>
    <message>
        <location filename="../src/services/documentflow.h" line="58"/>
        <source>%1 is %2: it cannot be %3.</source>
        <translation>%1 est %2 et ne peut pas être %3.</translation>
    </message>
</context>
<context>
    <name>DocumentLinesEditor</name>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="65"/>
        <source>SKU or scan</source>
        <comment>@info:placeholder</comment>
        <translation>SKU ou scan</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="66"/>
        <source>SKU of line %1</source>
        <comment>@label</comment>
        <translation>SKU de la ligne %1</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="76"/>
        <source>Qty</source>
        <comment>@info:placeholder quantity</comment>
        <translation>Qté</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="82"/>
        <source>Quantity of line %1</source>
        <comment>@label</comment>
        <translation>Quantité de la ligne %1</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="100"/>
        <source>Cost</source>
        <comment>@info:placeholder unit cost, optional</comment>
        <translation>Coût</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="102"/>
        <source>Unit cost of line %1 (empty: the product&apos;s cost)</source>
        <comment>@label</comment>
        <translation>Coût unitaire de la ligne %1 (vide : coût de l&apos;article)</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="115"/>
        <source>Remove line %1</source>
        <comment>@action:button</comment>
        <translation>Supprimer la ligne %1</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="117"/>
        <source>Remove this line</source>
        <comment>@info:tooltip</comment>
        <translation>Supprimer cette ligne</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="136"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="141"/>
        <source>Quantity</source>
        <comment>@title:column</comment>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="148"/>
        <source>Unit cost</source>
        <comment>@title:column</comment>
        <translation>Coût unitaire</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="177"/>
        <source>Add line</source>
        <comment>@action:button</comment>
        <translation>Ajouter une ligne</translation>
    </message>
</context>
<context>
    <name>DocumentMessage</name>
    <message>
        <location filename="../qml/DocumentMessage.qml" line="21"/>
        <source>It is shown as it is now: look again before you retry.</source>
        <comment>@info</comment>
        <translation>Le document est affiché dans son état actuel : vérifiez-le avant de réessayer.</translation>
    </message>
    <message>
        <location filename="../qml/DocumentMessage.qml" line="30"/>
        <source>Dismiss the message</source>
        <comment>@action:button</comment>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../qml/ExportDialog.qml" line="43"/>
        <source>Export</source>
        <comment>@title:window</comment>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="49"/>
        <source>Export to</source>
        <comment>@title:window</comment>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="52"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="52"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="58"/>
        <source>Export</source>
        <comment>@action:button</comment>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="64"/>
        <source>Write the file (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Écrire le fichier (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="67"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="95"/>
        <source>What:</source>
        <comment>@label:listbox</comment>
        <translation>Données :</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="105"/>
        <source>What to export</source>
        <comment>@label</comment>
        <translation>Données à exporter</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="115"/>
        <source>Since:</source>
        <comment>@label:textbox</comment>
        <translation>Depuis :</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="128"/>
        <source>yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation>aaaa-mm-jj</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="130"/>
        <source>Since date (optional)</source>
        <comment>@label</comment>
        <translation>Date de début (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="136"/>
        <source>Movements from that day on; empty: all.</source>
        <comment>@info</comment>
        <translation>Mouvements à partir de ce jour ; vide : tous.</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="137"/>
        <source>Orders placed or changed from that day on; empty: all.</source>
        <comment>@info</comment>
        <translation>Commandes passées ou modifiées à partir de ce jour ; vide : toutes.</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="138"/>
        <source>Always everything as it is now.</source>
        <comment>@info</comment>
        <translation>Toujours tout, dans l&apos;état actuel.</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="145"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="152"/>
        <source>File to write</source>
        <comment>@label</comment>
        <translation>Fichier à écrire</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="156"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="159"/>
        <source>Choose where to save the file (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation>Choisir où enregistrer le fichier (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="160"/>
        <source>Choose the file</source>
        <comment>@action:button</comment>
        <translation>Choisir le fichier</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="173"/>
        <source>Exporting</source>
        <comment>@info</comment>
        <translation>Exportation</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="178"/>
        <source>Exporting…</source>
        <comment>@info</comment>
        <translation>Exportation…</translation>
    </message>
</context>
<context>
    <name>ExportService</name>
    <message>
        <location filename="../src/services/feedservice.cpp" line="393"/>
        <source>The database interrupted the export; run it again.</source>
        <translation>La base de données a interrompu l&apos;exportation ; relancez-la.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="505"/>
        <source>&quot;%1&quot; is not a date like 2025-05-01 or a time like 2025-05-01T09:30:00Z.</source>
        <translation>« %1 » n&apos;est pas une date comme 2025-05-01 ni une heure comme 2025-05-01T09:30:00Z.</translation>
    </message>
</context>
<context>
    <name>FeedService</name>
    <message>
        <location filename="../src/services/feedservice.cpp" line="73"/>
        <source>There is no channel &quot;%1&quot;: set one up with its feed settings first.</source>
        <translation>Il n&apos;existe pas de canal de vente « %1 » : configurez-le d&apos;abord avec ses paramètres de flux.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="239"/>
        <source>Changing a channel&apos;s settings</source>
        <translation>Modifier les paramètres d&apos;un canal de vente</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="242"/>
        <source>A channel needs a name.</source>
        <translation>Un canal de vente nécessite un nom.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="245"/>
        <source>A buffer is a number of units from 0 to %1, not %2.</source>
        <translation>Un tampon est un nombre d&apos;unités de 0 à %1, et non %2.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="251"/>
        <source>A buffer percentage is from 0 to 100, not %1.</source>
        <translation>Un pourcentage de tampon va de 0 à 100, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="257"/>
        <source>&quot;%1&quot; is not a feed format: csv or shopify-inventory.</source>
        <translation>« %1 » n&apos;est pas un format de flux : csv ou shopify-inventory.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="280"/>
        <source>The channel &quot;%1&quot; was not saved.</source>
        <translation>Le canal de vente « %1 » n&apos;a pas été enregistré.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="306"/>
        <source>stock feed settings of %1 changed</source>
        <translation>paramètres du flux de stock de %1 modifiés</translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <location filename="../qml/ForecastChart.qml" line="94"/>
        <source>Units per day</source>
        <comment>@title:axis</comment>
        <translation>Unités par jour</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="95"/>
        <source>Units per month</source>
        <comment>@title:axis</comment>
        <translation>Unités par mois</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="96"/>
        <source>Units per week</source>
        <comment>@title:axis</comment>
        <translation>Unités par semaine</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="100"/>
        <source>Stockout</source>
        <comment>@label chart series: periods with nothing to sell</comment>
        <translation>Rupture de stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="111"/>
        <source>95 % interval</source>
        <comment>@label chart series</comment>
        <translation>Intervalle à 95 %</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="125"/>
        <source>80 % interval</source>
        <comment>@label chart series</comment>
        <translation>Intervalle à 80 %</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="141"/>
        <source>Demand</source>
        <comment>@label chart series: units ordered per period</comment>
        <translation>Demande</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="150"/>
        <source>Forecast</source>
        <comment>@label chart series</comment>
        <translation>Prévision</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="159"/>
        <source>Today</source>
        <comment>@label chart series</comment>
        <translation>Aujourd&apos;hui</translation>
    </message>
</context>
<context>
    <name>ForecastPage</name>
    <message>
        <location filename="../qml/ForecastPage.qml" line="35"/>
        <source>days</source>
        <comment>@label horizon unit</comment>
        <translation>jours</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="36"/>
        <source>months</source>
        <comment>@label horizon unit</comment>
        <translation>mois</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="37"/>
        <source>weeks</source>
        <comment>@label horizon unit</comment>
        <translation>semaines</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="39"/>
        <source>all locations</source>
        <comment>@info</comment>
        <translation>tous les emplacements</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="46"/>
        <source>%1 %</source>
        <comment>@info percentage</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="109"/>
        <location filename="../qml/ForecastPage.qml" line="124"/>
        <source>Product</source>
        <comment>@label</comment>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="122"/>
        <source>SKU or name… (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>SKU ou nom… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="125"/>
        <source>Type a SKU or a name; arrow keys choose, Enter shows it.</source>
        <comment>@info</comment>
        <translation>Saisissez un SKU ou un nom ; les flèches choisissent, Enter l&apos;affiche.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="181"/>
        <source>Matching products</source>
        <comment>@label</comment>
        <translation>Articles correspondants</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="189"/>
        <source>%1 — %2 (%3 available)</source>
        <comment>@item sku, name, units</comment>
        <translation>%1 — %2 (%3 disponibles)</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="198"/>
        <source>No product matches.</source>
        <comment>@info</comment>
        <translation>Aucun article ne correspond.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="198"/>
        <source>Searching…</source>
        <comment>@info</comment>
        <translation>Recherche…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="211"/>
        <location filename="../qml/ForecastPage.qml" line="232"/>
        <source>Location</source>
        <comment>@label</comment>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="217"/>
        <source>All locations</source>
        <comment>@item</comment>
        <translation>Tous les emplacements</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="245"/>
        <source>Demand per</source>
        <comment>@label followed by day, week or month</comment>
        <translation>Demande par</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="252"/>
        <source>Day</source>
        <comment>@item demand period</comment>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="253"/>
        <source>Week</source>
        <comment>@item demand period</comment>
        <translation>Semaine</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="254"/>
        <source>Month</source>
        <comment>@item demand period</comment>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="259"/>
        <source>Demand per day, week or month</source>
        <comment>@label</comment>
        <translation>Demande par jour, semaine ou mois</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="267"/>
        <source>Working</source>
        <comment>@info</comment>
        <translation>Calcul en cours</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="15"/>
        <location filename="../qml/ForecastPage.qml" line="301"/>
        <location filename="../qml/ForecastPage.qml" line="302"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation>Prévision</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="307"/>
        <location filename="../qml/ForecastPage.qml" line="308"/>
        <source>Available to promise</source>
        <comment>@title:tab</comment>
        <translation>Disponible à la vente</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="313"/>
        <location filename="../qml/ForecastPage.qml" line="314"/>
        <source>What-if: reorder policies</source>
        <comment>@title:tab</comment>
        <translation>Et si ? Politiques de réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="336"/>
        <source>Demand and forecast chart</source>
        <comment>@label</comment>
        <translation>Graphique de la demande et de la prévision</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="341"/>
        <source>No demand recorded here yet.</source>
        <comment>@info</comment>
        <translation>Aucune demande enregistrée ici pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="354"/>
        <source>Method</source>
        <comment>@label forecast method</comment>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="362"/>
        <source>working it out…</source>
        <comment>@info</comment>
        <translation>calcul en cours…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="364"/>
        <source>%1, chosen automatically</source>
        <comment>@info forecast method</comment>
        <translation>%1, choisie automatiquement</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="369"/>
        <source>season of %1 %2</source>
        <comment>@info season length, unit</comment>
        <translation>saisonnalité de %1 %2</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="375"/>
        <source>Demand</source>
        <comment>@label demand class</comment>
        <translation>Demande</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="381"/>
        <source>%1 (ADI %2, CV² %3) · learnt from %4 %5, %6 with stockouts left out</source>
        <comment>@info demand class, ADI, CV², periods, unit, stockout periods</comment>
        <translation>%1 (ADI %2, CV² %3) · calculée sur %4 %5, hors %6 en rupture de stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="387"/>
        <source>Accuracy</source>
        <comment>@label backtest accuracy</comment>
        <translation>Précision</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="393"/>
        <source>too little history for a backtest</source>
        <comment>@info</comment>
        <translation>historique trop court pour un backtest</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="394"/>
        <source>MASE %1 · sMAPE %2 % · bias %3 units a period — backtest of %4 origins, %5 %6 ahead</source>
        <comment>@info</comment>
        <translation>MASE %1 · sMAPE %2 % · biais %3 unités par période — backtest sur %4 origines, %5 %6 à l&apos;avance</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="399"/>
        <source>MASE below 1: better than the seasonal naive forecast. Bias above 0: the forecast was too high.</source>
        <comment>@info:tooltip</comment>
        <translation>MASE inférieur à 1 : meilleure que la prévision naïve saisonnière. Biais supérieur à 0 : la prévision était trop élevée.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="422"/>
        <source>Available to promise chart</source>
        <comment>@label</comment>
        <translation>Graphique du disponible à la vente</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="445"/>
        <source>What makes up the available stock</source>
        <comment>@label</comment>
        <translation>Composition du stock disponible</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="455"/>
        <source>%1: %2 %3, %4</source>
        <comment>@info date: kind qty, note</comment>
        <translation>%1 : %2 %3, %4</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="489"/>
        <source>Working it out…</source>
        <comment>@info</comment>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="489"/>
        <source>Nothing on hand or on its way.</source>
        <comment>@info</comment>
        <translation>Rien en stock ni en route.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="503"/>
        <source>Promise to a customer</source>
        <comment>@title</comment>
        <translation>Promesse à un client</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="516"/>
        <source>Units to promise</source>
        <comment>@label</comment>
        <translation>Unités à promettre</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="520"/>
        <source>Earliest date</source>
        <comment>@action:button</comment>
        <translation>Date au plus tôt</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="523"/>
        <source>Earliest date these units can be promised</source>
        <comment>@action:button</comment>
        <translation>Date au plus tôt à laquelle ces unités peuvent être promises</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="530"/>
        <source>%1 units: %2, from %3</source>
        <comment>@info units, date, locations</comment>
        <translation>%1 unités : %2, depuis %3</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="531"/>
        <source>%1 units cannot be promised within the horizon (%2 could be).</source>
        <comment>@info</comment>
        <translation>%1 unités ne peuvent pas être promises dans l&apos;horizon (%2 pourraient l&apos;être).</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="541"/>
        <source>On hand first, then what arrives after the backorders already waiting.</source>
        <comment>@info</comment>
        <translation>D&apos;abord le stock, puis ce qui arrive, une fois servies les commandes en attente.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="563"/>
        <source>Fill rate against stock value</source>
        <comment>@label</comment>
        <translation>Taux de service par rapport à la valeur du stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="569"/>
        <source>Simulating…</source>
        <comment>@info</comment>
        <translation>Simulation…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="605"/>
        <source>Policy</source>
        <comment>@title:column</comment>
        <translation>Politique</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="611"/>
        <source>Target</source>
        <comment>@title:column service level</comment>
        <translation>Objectif</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="618"/>
        <source>Fill rate</source>
        <comment>@title:column</comment>
        <translation>Taux de service</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="625"/>
        <source>Stock value</source>
        <comment>@title:column average</comment>
        <translation>Valeur du stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="642"/>
        <source>Simulated policies</source>
        <comment>@label</comment>
        <translation>Politiques simulées</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="662"/>
        <source>%1 for %2: fill rate %3, stock value %4</source>
        <comment>@info</comment>
        <translation>%1 pour %2 : taux de service %3, valeur du stock %4</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="713"/>
        <source>Now: reorder at %1, order %2 (fill rate %3)</source>
        <comment>@info</comment>
        <translation>Actuellement : point de commande %1, commander %2 (taux de service %3)</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="715"/>
        <source>No reorder settings at %1 yet.</source>
        <comment>@info</comment>
        <translation>Aucun paramètre de réapprovisionnement à %1 pour l&apos;instant.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="716"/>
        <source>Reorder settings are per location: choose one to apply a policy.</source>
        <comment>@info</comment>
        <translation>Les paramètres de réapprovisionnement sont définis par emplacement : choisissez-en un pour appliquer une politique.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="721"/>
        <source>Choose a point in the list or on the chart.</source>
        <comment>@info</comment>
        <translation>Choisissez un point dans la liste ou sur le graphique.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="723"/>
        <source>Reorder at %1, order %2 up to %3.</source>
        <comment>@info</comment>
        <translation>Point de commande %1, commander %2 jusqu&apos;à %3.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="724"/>
        <source>Every %1 days, order up to %2 (not a reorder setting).</source>
        <comment>@info</comment>
        <translation>Tous les %1 jours, commander jusqu&apos;à %2 (pas un paramètre de réapprovisionnement).</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="734"/>
        <source>Apply</source>
        <comment>@action:button</comment>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="742"/>
        <source>Write the chosen reorder point and quantity at %1</source>
        <comment>@info:tooltip</comment>
        <translation>Écrire le point de commande et la quantité choisis à %1</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="743"/>
        <source>Apply the chosen policy to the reorder settings</source>
        <comment>@action:button</comment>
        <translation>Appliquer la politique choisie aux paramètres de réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="746"/>
        <source>Undo</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="750"/>
        <source>Undo: write back the reorder settings as they were</source>
        <comment>@action:button</comment>
        <translation>Annuler : rétablir les paramètres de réapprovisionnement tels qu&apos;ils étaient</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="792"/>
        <source>What if</source>
        <comment>@title</comment>
        <translation>Et si ?</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="796"/>
        <source>Method</source>
        <comment>@label</comment>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="806"/>
        <source>Forecast method</source>
        <comment>@label</comment>
        <translation>Méthode de prévision</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="810"/>
        <source>Horizon</source>
        <comment>@label</comment>
        <translation>Horizon</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="823"/>
        <source>Horizon in %1</source>
        <comment>@label</comment>
        <translation>Horizon en %1</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="831"/>
        <location filename="../qml/ForecastPage.qml" line="845"/>
        <source>Service level</source>
        <comment>@label</comment>
        <translation>Niveau de service</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="855"/>
        <source>Lead time</source>
        <comment>@label</comment>
        <translation>Délai d&apos;approvisionnement</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="868"/>
        <source>Lead time in days</source>
        <comment>@label</comment>
        <translation>Délai d&apos;approvisionnement en jours</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="872"/>
        <source>days</source>
        <comment>@label lead time unit</comment>
        <translation>jours</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="879"/>
        <source>%1 delivers in %2 days.</source>
        <comment>@info supplier, days</comment>
        <translation>%1 livre en %2 jours.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="880"/>
        <source>Never bought yet: 7 days assumed.</source>
        <comment>@info</comment>
        <translation>Jamais acheté : 7 jours supposés.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="898"/>
        <source>Replenishment at %1</source>
        <comment>@title location</comment>
        <translation>Réapprovisionnement à %1</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="916"/>
        <source>On hand / reserved</source>
        <comment>@label</comment>
        <translation>En stock / réservé</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="919"/>
        <source>%1 / %2</source>
        <comment>@info on hand / reserved</comment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="924"/>
        <source>Owed to backorders</source>
        <comment>@label</comment>
        <translation>Dû aux commandes en attente</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="932"/>
        <source>On order / in transit</source>
        <comment>@label</comment>
        <translation>En commande / en transit</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="935"/>
        <source>%1 / %2</source>
        <comment>@info on order / in transit</comment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="940"/>
        <source>Projected stock</source>
        <comment>@label</comment>
        <translation>Stock prévisionnel</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="949"/>
        <source>Lead-time demand</source>
        <comment>@label forecast demand over the lead time</comment>
        <translation>Demande pendant le délai</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="957"/>
        <source>Safety stock</source>
        <comment>@label</comment>
        <translation>Stock de sécurité</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="965"/>
        <source>Reorder point</source>
        <comment>@label</comment>
        <translation>Point de commande</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="973"/>
        <source>Order up to</source>
        <comment>@label</comment>
        <translation>Niveau cible</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="981"/>
        <source>Suggested order</source>
        <comment>@label</comment>
        <translation>Commande suggérée</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="985"/>
        <source>%1 (%2)</source>
        <comment>@info units (value)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="986"/>
        <source>none</source>
        <comment>@info no order suggested</comment>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="992"/>
        <source>Days of cover</source>
        <comment>@label</comment>
        <translation>Jours de couverture</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1000"/>
        <source>Reorder settings now</source>
        <comment>@label</comment>
        <translation>Paramètres de réapprovisionnement actuels</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1003"/>
        <source>per location</source>
        <comment>@info</comment>
        <translation>par emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1004"/>
        <source>%1 / %2</source>
        <comment>@info reorder point / quantity</comment>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>FulfilmentService</name>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="23"/>
        <source>The payment of %1 is %2: it cannot be %3.</source>
        <translation>Le paiement de %1 est %2 et ne peut pas être %3.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="103"/>
        <source>authorized</source>
        <translation>autorisé</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="107"/>
        <source>payment of %1 authorized</source>
        <translation>paiement de %1 autorisé</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="115"/>
        <source>A payment must be more than 0.00 and at most %1.</source>
        <translation>Un paiement doit être supérieur à 0,00 et au plus égal à %1.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="120"/>
        <source>paid</source>
        <translation>payé</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="124"/>
        <source>paid %1</source>
        <translation>payé %1</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="132"/>
        <source>A refund must be more than 0.00.</source>
        <translation>Un remboursement doit être supérieur à 0,00.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="139"/>
        <source>refunded</source>
        <translation>remboursé</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="142"/>
        <source>%1 was paid %2 and refunded %3 already: at most %4 can be refunded, not %5.</source>
        <translation>%1 a déjà été payé %2 et remboursé %3 : au plus %4 peut être remboursé, et non %5.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="150"/>
        <source>refunded %1</source>
        <translation>remboursé %1</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="161"/>
        <source>voided</source>
        <translation>annulé</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="163"/>
        <source>payment voided</source>
        <translation>paiement annulé</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="171"/>
        <source>A hold needs a reason (e.g. &quot;address check&quot;).</source>
        <translation>Une suspension nécessite un motif (p. ex. « vérification de l&apos;adresse »).</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="175"/>
        <source>put on hold</source>
        <translation>suspendue</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="178"/>
        <source>on hold: %1 (reservations kept)</source>
        <translation>suspendue : %1 (réservations conservées)</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="193"/>
        <source>Order %1 is %2, not on hold.</source>
        <translation>La commande %1 est %2, et non suspendue.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/fulfilmentservice.cpp" line="198"/>
        <source>Order %1 has %n line(s) naming no product of ours: map each SKU to a product (SKU aliases) or drop the line first.</source>
        <translation>
            <numerusform>La commande %1 a %n ligne qui ne désigne aucun de nos articles : associez d&apos;abord chaque SKU à un article (alias de SKU) ou écartez la ligne.</numerusform>
            <numerusform>La commande %1 a %n lignes qui ne désignent aucun de nos articles : associez d&apos;abord chaque SKU à un article (alias de SKU) ou écartez la ligne.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="204"/>
        <source>taken off hold</source>
        <translation>reprise</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="209"/>
        <source>hold lifted: %1</source>
        <translation>reprise : %1</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="234"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="250"/>
        <source>released for picking</source>
        <translation>lancée en préparation</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="238"/>
        <source>Order %1 has nothing allocated to pick.</source>
        <translation>La commande %1 n&apos;a rien d&apos;alloué à préparer.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="244"/>
        <source>Order %1 is not paid (%2): it is released for picking only when paid, or when its channel or customer pays later.</source>
        <translation>La commande %1 n&apos;est pas payée (%2) : elle n&apos;est lancée en préparation qu&apos;une fois payée, ou si son canal de vente ou son client paie plus tard.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="261"/>
        <source>released for picking at %1%2</source>
        <translation>lancée en préparation à %1%2</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="264"/>
        <source> (pays later)</source>
        <translation> (paie plus tard)</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="269"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="344"/>
        <source>packed</source>
        <translation>emballée</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="271"/>
        <source>still packed from before the hold</source>
        <translation>encore emballée depuis avant la suspension</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="285"/>
        <source>Nothing was scanned.</source>
        <translation>Rien n&apos;a été scanné.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="296"/>
        <source>Too many: order %1 is packed completely already.</source>
        <translation>Trop d&apos;articles : la commande %1 est déjà entièrement emballée.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="300"/>
        <source>Order %1 is %2: release it for picking before packing.</source>
        <translation>La commande %1 est %2 : lancez-la en préparation avant l&apos;emballage.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="317"/>
        <source>Wrong item: %1 is not in order %2. Put it back.</source>
        <translation>Mauvais article : %1 ne fait pas partie de la commande %2. Remettez-le en place.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="335"/>
        <source>Too many: all %1 × %2 of order %3 are packed already.</source>
        <translation>Trop d&apos;articles : les %1 × %2 de la commande %3 sont déjà tous emballés.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/fulfilmentservice.cpp" line="350"/>
        <source>packed, %n unit(s) scanned</source>
        <translation>
            <numerusform>emballée, %n unité scannée</numerusform>
            <numerusform>emballée, %n unités scannées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="373"/>
        <source>A channel needs a name.</source>
        <translation>Un canal de vente nécessite un nom.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="376"/>
        <source>Changing a channel&apos;s fulfilment rules</source>
        <translation>Modifier les règles d&apos;exécution d&apos;un canal de vente</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="385"/>
        <source>fulfilment rules set</source>
        <translation>règles d&apos;exécution définies</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="399"/>
        <source>Changing a customer&apos;s fulfilment rules</source>
        <translation>Modifier les règles d&apos;exécution d&apos;un client</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="405"/>
        <source>There is no customer &quot;%1&quot;.</source>
        <translation>Il n&apos;existe pas de client « %1 ».</translation>
    </message>
</context>
<context>
    <name>Gtin</name>
    <message>
        <location filename="../src/domain/tracking.cpp" line="564"/>
        <source>No GTIN was entered.</source>
        <translation>Aucun GTIN n&apos;a été saisi.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="568"/>
        <source>A GTIN has digits only; &quot;%1&quot; is not one.</source>
        <translation>Un GTIN ne contient que des chiffres ; « %1 » n&apos;en est pas un.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="573"/>
        <source>A GTIN has 8, 12, 13 or 14 digits, not %1.</source>
        <translation>Un GTIN a 8, 12, 13 ou 14 chiffres, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="580"/>
        <source>GTIN-%1: check digit should be %2, not %3.</source>
        <translation>GTIN-%1 : le chiffre de contrôle devrait être %2, et non %3.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="18"/>
        <source>Everywhere</source>
        <comment>@title:group shortcuts</comment>
        <translation>Partout</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="19"/>
        <source>Show or hide this list of shortcuts</source>
        <comment>@info shortcut</comment>
        <translation>Afficher ou masquer cette liste de raccourcis</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="20"/>
        <source>Orders, Inventory, Receiving, Transfers, Counts, Forecast, Dashboard, Channels, Audit</source>
        <comment>@info shortcut</comment>
        <translation>Commandes, Stock, Réception, Transferts, Inventaires, Prévision, Tableau de bord, Canaux de vente, Audit</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="21"/>
        <source>Reload every view</source>
        <comment>@info shortcut</comment>
        <translation>Recharger toutes les vues</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="22"/>
        <source>Settings: language and text size</source>
        <comment>@info shortcut</comment>
        <translation>Paramètres : langue et taille du texte</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="23"/>
        <source>Database connection</source>
        <comment>@info shortcut</comment>
        <translation>Connexion à la base de données</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="24"/>
        <source>Next / previous control</source>
        <comment>@info shortcut</comment>
        <translation>Élément suivant / précédent</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="25"/>
        <source>Press the focused button, open the focused row</source>
        <comment>@info shortcut</comment>
        <translation>Activer le bouton qui a le focus, ouvrir la ligne qui a le focus</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="26"/>
        <source>Close a dialog or this list</source>
        <comment>@info shortcut</comment>
        <translation>Fermer une boîte de dialogue ou cette liste</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="27"/>
        <source>Confirm a dialog (create, import, receive, save)</source>
        <comment>@info shortcut</comment>
        <translation>Valider une boîte de dialogue (créer, importer, réceptionner, enregistrer)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="29"/>
        <source>Orders</source>
        <comment>@title:group shortcuts</comment>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="30"/>
        <source>Search orders</source>
        <comment>@info shortcut</comment>
        <translation>Rechercher des commandes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="31"/>
        <source>Previous / next order</source>
        <comment>@info shortcut</comment>
        <translation>Commande précédente / suivante</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="32"/>
        <source>Select or unselect the order for bulk actions</source>
        <comment>@info shortcut</comment>
        <translation>Sélectionner ou désélectionner la commande pour les actions groupées</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="33"/>
        <source>Select every loaded order</source>
        <comment>@info shortcut</comment>
        <translation>Sélectionner toutes les commandes chargées</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="34"/>
        <source>New order</source>
        <comment>@info shortcut</comment>
        <translation>Nouvelle commande</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="35"/>
        <source>Confirm payment</source>
        <comment>@info shortcut</comment>
        <translation>Encaisser le paiement</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="36"/>
        <source>Release to the warehouse</source>
        <comment>@info shortcut</comment>
        <translation>Lancer en préparation</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="37"/>
        <source>Hold</source>
        <comment>@info shortcut</comment>
        <translation>Suspendre</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="38"/>
        <source>Release a hold</source>
        <comment>@info shortcut</comment>
        <translation>Reprendre une commande suspendue</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="39"/>
        <source>Pack (scan the items)</source>
        <comment>@info shortcut</comment>
        <translation>Emballer (scanner les articles)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="40"/>
        <source>Ship</source>
        <comment>@info shortcut</comment>
        <translation>Expédier</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="41"/>
        <source>Cancel the order</source>
        <comment>@info shortcut</comment>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="42"/>
        <source>Shipping labels as PDF</source>
        <comment>@info shortcut</comment>
        <translation>Étiquettes d&apos;expédition en PDF</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="43"/>
        <source>Print shipping labels</source>
        <comment>@info shortcut</comment>
        <translation>Imprimer les étiquettes d&apos;expédition</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="44"/>
        <source>Pick list for a location</source>
        <comment>@info shortcut</comment>
        <translation>Liste de préparation d&apos;un emplacement</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="45"/>
        <source>Import orders from a shop&apos;s CSV file</source>
        <comment>@info shortcut</comment>
        <translation>Importer des commandes depuis le fichier CSV d&apos;une boutique</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="46"/>
        <source>SKU aliases (map unknown SKUs)</source>
        <comment>@info shortcut</comment>
        <translation>Alias de SKU (associer les SKU inconnus)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="47"/>
        <source>Export orders</source>
        <comment>@info shortcut</comment>
        <translation>Exporter les commandes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="49"/>
        <source>Inventory</source>
        <comment>@title:group shortcuts</comment>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="50"/>
        <source>Search products</source>
        <comment>@info shortcut</comment>
        <translation>Rechercher des articles</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="51"/>
        <source>Open the product</source>
        <comment>@info shortcut</comment>
        <translation>Ouvrir l&apos;article</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="52"/>
        <source>New product</source>
        <comment>@info shortcut</comment>
        <translation>Nouvel article</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="53"/>
        <source>Edit the product</source>
        <comment>@info shortcut</comment>
        <translation>Modifier l&apos;article</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="54"/>
        <source>Import products</source>
        <comment>@info shortcut</comment>
        <translation>Importer des articles</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="55"/>
        <source>Export stock</source>
        <comment>@info shortcut</comment>
        <translation>Exporter le stock</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="57"/>
        <source>Receiving</source>
        <comment>@title:group shortcuts</comment>
        <translation>Réception</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="58"/>
        <location filename="../qml/HelpOverlay.qml" line="66"/>
        <source>Filter by status</source>
        <comment>@info shortcut</comment>
        <translation>Filtrer par statut</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="59"/>
        <source>New purchase order</source>
        <comment>@info shortcut</comment>
        <translation>Nouvelle commande fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="60"/>
        <source>Place the purchase order</source>
        <comment>@info shortcut</comment>
        <translation>Passer la commande fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="61"/>
        <location filename="../qml/HelpOverlay.qml" line="70"/>
        <source>Receive</source>
        <comment>@info shortcut</comment>
        <translation>Réceptionner</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="62"/>
        <source>Close short</source>
        <comment>@info shortcut</comment>
        <translation>Clôturer avec reliquat</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="63"/>
        <source>Cancel the purchase order</source>
        <comment>@info shortcut</comment>
        <translation>Annuler la commande fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="65"/>
        <source>Transfers</source>
        <comment>@title:group shortcuts</comment>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="67"/>
        <source>New transfer</source>
        <comment>@info shortcut</comment>
        <translation>Nouveau transfert</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="68"/>
        <source>Request the transfer</source>
        <comment>@info shortcut</comment>
        <translation>Demander le transfert</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="69"/>
        <source>Ship the transfer</source>
        <comment>@info shortcut</comment>
        <translation>Expédier le transfert</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="71"/>
        <source>Write off missing units</source>
        <comment>@info shortcut</comment>
        <translation>Passer en perte les unités manquantes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="72"/>
        <source>Keep looking for missing units</source>
        <comment>@info shortcut</comment>
        <translation>Continuer à rechercher les unités manquantes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="73"/>
        <source>Cancel the transfer</source>
        <comment>@info shortcut</comment>
        <translation>Annuler le transfert</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="75"/>
        <source>Counts</source>
        <comment>@title:group shortcuts</comment>
        <translation>Inventaires</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="76"/>
        <source>Scan field (or the status filter)</source>
        <comment>@info shortcut</comment>
        <translation>Champ de scan (ou filtre de statut)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="77"/>
        <source>Start a count</source>
        <comment>@info shortcut</comment>
        <translation>Démarrer un inventaire</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="78"/>
        <source>Submit for approval</source>
        <comment>@info shortcut</comment>
        <translation>Soumettre pour approbation</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="79"/>
        <source>Approve the variances</source>
        <comment>@info shortcut</comment>
        <translation>Approuver les écarts</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="80"/>
        <source>Reject the variances</source>
        <comment>@info shortcut</comment>
        <translation>Rejeter les écarts</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="81"/>
        <source>Reopen the count</source>
        <comment>@info shortcut</comment>
        <translation>Rouvrir l&apos;inventaire</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="83"/>
        <source>Channels</source>
        <comment>@title:group shortcuts</comment>
        <translation>Canaux de vente</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="84"/>
        <source>Write the stock feed</source>
        <comment>@info shortcut</comment>
        <translation>Écrire le flux de stock</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="85"/>
        <source>Channel settings</source>
        <comment>@info shortcut</comment>
        <translation>Paramètres du canal de vente</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="86"/>
        <source>New channel</source>
        <comment>@info shortcut</comment>
        <translation>Nouveau canal de vente</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="88"/>
        <source>Forecast</source>
        <comment>@title:group shortcuts</comment>
        <translation>Prévision</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="89"/>
        <source>Choose the product</source>
        <comment>@info shortcut</comment>
        <translation>Choisir l&apos;article</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="91"/>
        <source>Dashboard</source>
        <comment>@title:group shortcuts</comment>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="92"/>
        <source>Replenishment suggestions</source>
        <comment>@info shortcut</comment>
        <translation>Suggestions de réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="93"/>
        <source>Open the product of the focused row</source>
        <comment>@info shortcut</comment>
        <translation>Ouvrir l&apos;article de la ligne qui a le focus</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="95"/>
        <source>In dialogs</source>
        <comment>@title:group shortcuts</comment>
        <translation>Dans les boîtes de dialogue</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="96"/>
        <source>Choose a file (imports, exports)</source>
        <comment>@info shortcut</comment>
        <translation>Choisir un fichier (importations, exports)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="97"/>
        <source>Preview an import</source>
        <comment>@info shortcut</comment>
        <translation>Afficher l&apos;aperçu d&apos;une importation</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="98"/>
        <source>Plan the replenishment again</source>
        <comment>@info shortcut</comment>
        <translation>Recalculer le réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="99"/>
        <source>Select every suggestion</source>
        <comment>@info shortcut</comment>
        <translation>Sélectionner toutes les suggestions</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="100"/>
        <source>Select or unselect a suggestion</source>
        <comment>@info shortcut</comment>
        <translation>Sélectionner ou désélectionner une suggestion</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="122"/>
        <source>Keyboard shortcuts</source>
        <comment>@title:window</comment>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="129"/>
        <source>Keyboard shortcuts</source>
        <comment>@title</comment>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="135"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="137"/>
        <source>Close the list of shortcuts</source>
        <comment>@action:button</comment>
        <translation>Fermer la liste des raccourcis</translation>
    </message>
</context>
<context>
    <name>ImportOrdersDialog</name>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="56"/>
        <location filename="../qml/ImportOrdersDialog.qml" line="62"/>
        <source>Import orders</source>
        <comment>@title:window</comment>
        <translation>Importer des commandes</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="63"/>
        <source>Order exports (*.csv *.txt *.tsv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Exports de commandes (*.csv *.txt *.tsv)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="63"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="72"/>
        <source>Preview</source>
        <comment>@action:button</comment>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="78"/>
        <source>Check the file without changing anything (Ctrl+P)</source>
        <comment>@info:tooltip</comment>
        <translation>Vérifier le fichier sans rien modifier (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="79"/>
        <source>Preview the import</source>
        <comment>@action:button</comment>
        <translation>Afficher l&apos;aperçu de l&apos;importation</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="82"/>
        <source>Import</source>
        <comment>@action:button</comment>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="88"/>
        <source>Apply what the preview showed (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Appliquer ce que l&apos;aperçu a montré (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="89"/>
        <source>Import the orders</source>
        <comment>@action:button</comment>
        <translation>Importer les commandes</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="92"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="125"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="131"/>
        <source>No file chosen</source>
        <comment>@info:placeholder</comment>
        <translation>Aucun fichier choisi</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="132"/>
        <source>File to import</source>
        <comment>@label</comment>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="137"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="140"/>
        <source>Choose an order export (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation>Choisir un export de commandes (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="141"/>
        <source>Choose a file</source>
        <comment>@action:button</comment>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="144"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="156"/>
        <source>File format</source>
        <comment>@label</comment>
        <translation>Format du fichier</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="159"/>
        <source>Channel:</source>
        <comment>@label:textbox</comment>
        <translation>Canal de vente :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="167"/>
        <source>%1 (the format&apos;s channel)</source>
        <comment>@info:placeholder</comment>
        <translation>%1 (le canal de vente du format)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="168"/>
        <source>The format&apos;s channel</source>
        <comment>@info:placeholder</comment>
        <translation>Le canal de vente du format</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="170"/>
        <source>Channel the orders belong to (empty: the format&apos;s)</source>
        <comment>@label</comment>
        <translation>Canal de vente des commandes (vide : celui du format)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="176"/>
        <source>Known…</source>
        <comment>@action:button channels seen so far</comment>
        <translation>Connus…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="180"/>
        <source>Choose one of the channels orders came from so far</source>
        <comment>@info:tooltip</comment>
        <translation>Choisir l&apos;un des canaux de vente dont proviennent les commandes jusqu&apos;ici</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="181"/>
        <source>Known channels</source>
        <comment>@action:button</comment>
        <translation>Canaux de vente connus</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="188"/>
        <source>The format&apos;s channel</source>
        <comment>@item:inmenu</comment>
        <translation>Le canal de vente du format</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="222"/>
        <source>Importing…</source>
        <comment>@info</comment>
        <translation>Importation…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="222"/>
        <source>Checking the file against the database…</source>
        <comment>@info</comment>
        <translation>Vérification du fichier par rapport à la base de données…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="228"/>
        <source>An order export of Shopify, WooCommerce, Amazon, eBay or Etsy, or our own orders file. Preview shows what the file would do; nothing changes before Import, and a file with any problem is not imported at all. Importing a file again changes nothing: orders already here only move forward (paid, shipped, cancelled).</source>
        <comment>@info</comment>
        <translation>Un export de commandes de Shopify, WooCommerce, Amazon, eBay ou Etsy, ou notre propre fichier de commandes. L&apos;aperçu montre ce que ferait le fichier ; rien ne change avant Importer, et un fichier comportant le moindre problème n&apos;est pas importé du tout. Réimporter un fichier ne change rien : les commandes déjà présentes ne font qu&apos;avancer (payée, expédiée, annulée).</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="242"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="247"/>
        <source>%1 (detected)</source>
        <comment>@info file format</comment>
        <translation>%1 (détecté)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="252"/>
        <source>Channel:</source>
        <comment>@label</comment>
        <translation>Canal de vente :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="262"/>
        <source>Rows read:</source>
        <comment>@label</comment>
        <translation>Lignes lues :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="270"/>
        <source>Orders:</source>
        <comment>@label</comment>
        <translation>Commandes :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="276"/>
        <source>%1 new (%2 on hold), %3 updated, %4 unchanged</source>
        <comment>@info orders</comment>
        <translation>%1 nouvelles (%2 suspendues), %3 mises à jour, %4 inchangées</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="279"/>
        <source>; %1 with nothing to send skipped</source>
        <comment>@info orders</comment>
        <translation> ; %1 sans rien à expédier ignorées</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="285"/>
        <source>Lines:</source>
        <comment>@label order lines</comment>
        <translation>Lignes :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="292"/>
        <source>%1, of which %2 with nothing to send (gift cards, digital goods)</source>
        <comment>@info order lines</comment>
        <translation>%1, dont %2 sans rien à expédier (cartes cadeaux, produits numériques)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="298"/>
        <source>Stock:</source>
        <comment>@label</comment>
        <translation>Stock :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="304"/>
        <source>%1 units reserved, %2 backordered</source>
        <comment>@info stock</comment>
        <translation>%1 unités réservées, %2 en attente de stock</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="312"/>
        <source>Imported: the orders are in the Orders view.</source>
        <comment>@info</comment>
        <translation>Importé : les commandes se trouvent dans la vue Commandes.</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="314"/>
        <source>The file or the options changed since this preview: preview again.</source>
        <comment>@info</comment>
        <translation>Le fichier ou les options ont changé depuis cet aperçu : relancez l&apos;aperçu.</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="315"/>
        <source>Nothing has been changed yet: Import applies exactly this.</source>
        <comment>@info</comment>
        <translation>Rien n&apos;a encore été modifié : Importer applique exactement ceci.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ImportOrdersDialog.qml" line="330"/>
        <source>%n problem(s) in %1: nothing will be imported until every one is fixed.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n problème dans %1 : rien ne sera importé tant qu&apos;il n&apos;est pas corrigé.</numerusform>
            <numerusform>%n problèmes dans %1 : rien ne sera importé tant qu&apos;ils ne sont pas tous corrigés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="337"/>
        <source>Copy</source>
        <comment>@action:button</comment>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="344"/>
        <source>Copy every problem to the clipboard</source>
        <comment>@info:tooltip</comment>
        <translation>Copier tous les problèmes dans le presse-papiers</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="345"/>
        <source>Copy the problems</source>
        <comment>@action:button</comment>
        <translation>Copier les problèmes</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="367"/>
        <source>Problems</source>
        <comment>@label</comment>
        <translation>Problèmes</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="375"/>
        <source>Orders to look at (%1):</source>
        <comment>@info</comment>
        <translation>Commandes à examiner (%1) :</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="388"/>
        <source>Orders to look at</source>
        <comment>@label</comment>
        <translation>Commandes à examiner</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="408"/>
        <source>⚠ Not our products (%1): %2</source>
        <comment>@info</comment>
        <translation>⚠ Articles inconnus (%1) : %2</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="415"/>
        <source>Map SKUs…</source>
        <comment>@action:button</comment>
        <translation>Associer les SKU…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="418"/>
        <source>Say which of our products each one is: the orders then come off hold</source>
        <comment>@info:tooltip</comment>
        <translation>Indiquez à quel article de notre catalogue correspond chacun : les commandes sont alors reprises</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="419"/>
        <source>Map the unknown SKUs to our products</source>
        <comment>@action:button</comment>
        <translation>Associer les SKU inconnus à nos articles</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="471"/>
        <source>line %1</source>
        <comment>@info file line</comment>
        <translation>ligne %1</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="499"/>
        <source>Open order %1</source>
        <comment>@action:button</comment>
        <translation>Ouvrir la commande %1</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="505"/>
        <source>new</source>
        <comment>@info a new order, not imported yet</comment>
        <translation>nouvelle</translation>
    </message>
</context>
<context>
    <name>ImportProductsDialog</name>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="46"/>
        <source>Import products and stock</source>
        <comment>@title:window</comment>
        <translation>Importer des articles et du stock</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="57"/>
        <source>Import products or stock</source>
        <comment>@title:window</comment>
        <translation>Importer des articles ou du stock</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="58"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="58"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="67"/>
        <source>Preview</source>
        <comment>@action:button</comment>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="73"/>
        <source>Check the file without changing anything (Ctrl+P)</source>
        <comment>@info:tooltip</comment>
        <translation>Vérifier le fichier sans rien modifier (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="76"/>
        <source>Import</source>
        <comment>@action:button</comment>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="82"/>
        <source>Apply what the preview showed (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Appliquer ce que l&apos;aperçu a montré (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="85"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="118"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="124"/>
        <source>No file chosen</source>
        <comment>@info:placeholder</comment>
        <translation>Aucun fichier choisi</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="125"/>
        <source>File to import</source>
        <comment>@label</comment>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="130"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="133"/>
        <source>Choose a CSV file (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation>Choisir un fichier CSV (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="134"/>
        <source>Choose a file</source>
        <comment>@action:button</comment>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="137"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="149"/>
        <source>File format</source>
        <comment>@label</comment>
        <translation>Format du fichier</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="152"/>
        <source>Rows without a location:</source>
        <comment>@label:listbox</comment>
        <translation>Lignes sans emplacement :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="157"/>
        <source>None: every row names its location</source>
        <comment>@item:inlistbox</comment>
        <translation>Aucun : chaque ligne indique son emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="160"/>
        <source>Location for rows without one</source>
        <comment>@label</comment>
        <translation>Emplacement des lignes qui n&apos;en ont pas</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="173"/>
        <source>The file names locations we do not have. Choose which of ours each one is, then preview again:</source>
        <comment>@info</comment>
        <translation>Le fichier indique des emplacements que nous n&apos;avons pas. Choisissez auquel des nôtres chacun correspond, puis relancez l&apos;aperçu :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="190"/>
        <source>“%1” is</source>
        <comment>@label:listbox the file&apos;s location name</comment>
        <translation>« %1 » correspond à</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="195"/>
        <source>Not mapped</source>
        <comment>@item:inlistbox</comment>
        <translation>Non associé</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="198"/>
        <source>Our location for “%1”</source>
        <comment>@label</comment>
        <translation>Notre emplacement pour « %1 »</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="226"/>
        <source>Importing…</source>
        <comment>@info</comment>
        <translation>Importation…</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="226"/>
        <source>Checking the file against the database…</source>
        <comment>@info</comment>
        <translation>Vérification du fichier par rapport à la base de données…</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="232"/>
        <source>Our products or stock file, or Shopify&apos;s products or inventory export (CSV). Preview shows what the file would change; nothing changes before Import, and a file with any problem is not imported at all.</source>
        <comment>@info</comment>
        <translation>Notre fichier d&apos;articles ou de stock, ou l&apos;export d&apos;articles ou de stock de Shopify (CSV). L&apos;aperçu montre ce que le fichier changerait ; rien ne change avant Importer, et un fichier comportant le moindre problème n&apos;est pas importé du tout.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="246"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="251"/>
        <source>%1 (detected)</source>
        <comment>@info file format</comment>
        <translation>%1 (détecté)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="255"/>
        <source>Rows read:</source>
        <comment>@label</comment>
        <translation>Lignes lues :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="263"/>
        <source>Products:</source>
        <comment>@label</comment>
        <translation>Articles :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="268"/>
        <source>%1 new, %2 changed, %3 unchanged</source>
        <comment>@info products</comment>
        <translation>%1 nouveaux, %2 modifiés, %3 inchangés</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="274"/>
        <source>Stock levels set:</source>
        <comment>@label</comment>
        <translation>Niveaux de stock définis :</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="279"/>
        <source>%1 (%2 units in, %3 units out)</source>
        <comment>@info stock levels</comment>
        <translation>%1 (%2 unités en entrée, %3 unités en sortie)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="288"/>
        <source>Imported. Ledger reference: %1.</source>
        <comment>@info</comment>
        <translation>Importé. Référence du journal des stocks : %1.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="290"/>
        <source>The file or the options changed since this preview: preview again.</source>
        <comment>@info</comment>
        <translation>Le fichier ou les options ont changé depuis cet aperçu : relancez l&apos;aperçu.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="291"/>
        <source>Nothing has been changed yet: Import applies exactly this.</source>
        <comment>@info</comment>
        <translation>Rien n&apos;a encore été modifié : Importer applique exactement ceci.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ImportProductsDialog.qml" line="302"/>
        <source>%n problem(s) in %1</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n problème dans %1</numerusform>
            <numerusform>%n problèmes dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="317"/>
        <source>Problems</source>
        <comment>@label</comment>
        <translation>Problèmes</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="334"/>
        <source>Nothing will be imported until every problem is fixed. The options changed: preview again.</source>
        <comment>@info</comment>
        <translation>Rien ne sera importé tant que tous les problèmes ne sont pas corrigés. Les options ont changé : relancez l&apos;aperçu.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="335"/>
        <source>Nothing will be imported until every problem is fixed.</source>
        <comment>@info</comment>
        <translation>Rien ne sera importé tant que tous les problèmes ne sont pas corrigés.</translation>
    </message>
</context>
<context>
    <name>InvariantChecker</name>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="39"/>
        <source>ledger: %1 at %2 has on hand %3, reserved %4, but the ledger sums to %5 and %6</source>
        <translation>journal des stocks : %1 à %2 a %3 en stock et %4 réservés, mais le journal des stocks totalise %5 et %6</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="57"/>
        <source>reservations: %1 at %2 has %3 reserved but %4 in open allocations</source>
        <translation>réservations : %1 à %2 a %3 réservés mais %4 dans les allocations ouvertes</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="67"/>
        <source>availability: %1 at %2 has on hand %3 and reserved %4</source>
        <translation>disponibilité : %1 à %2 a %3 en stock et %4 réservés</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="81"/>
        <source>order line: %1 line %2 of %3 units has %4 shipped, %5 cancelled, %6 returned and %7 allocated</source>
        <translation>ligne de commande : %1 ligne %2 de %3 unités a %4 expédiées, %5 annulées, %6 retournées et %7 allouées</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="93"/>
        <source>order state: closed order %1 still holds stock on line %2</source>
        <translation>état de commande : la commande clôturée %1 retient encore du stock sur la ligne %2</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="100"/>
        <source>imports: external order %1/%2 exists %3 times</source>
        <translation>importations : la commande externe %1/%2 existe %3 fois</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="107"/>
        <source>payment: %1 has %2 refunded of %3 paid (cents)</source>
        <translation>paiement : %1 a %2 remboursés sur %3 payés (centimes)</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="120"/>
        <source>return: %1 has %2 restocked and %3 written off of %4 × %5</source>
        <translation>retour : %1 a %2 remis en stock et %3 passés en perte sur %4 × %5</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="133"/>
        <source>returns: %1 line %2 counts %3 returned, but its returns list %4</source>
        <translation>retours : %1 ligne %2 compte %3 retournés, mais ses retours en listent %4</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="144"/>
        <source>packing: %1 line %2 has %3 packed of %4 allocated at %5</source>
        <translation>emballage : %1 ligne %2 a %3 emballés sur %4 alloués à %5</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="160"/>
        <source>delivery: %1 is delivered without a shipment</source>
        <translation>livraison : %1 est livrée sans expédition</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="162"/>
        <source>delivery: %1 is delivered, but %2 of its %3 shipments are not</source>
        <translation>livraison : %1 est livrée, mais %2 de ses %3 expéditions ne le sont pas</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="172"/>
        <source>tracking: shipment %1 of %2 is %3, but no tracking event says so</source>
        <translation>suivi : l&apos;expédition %1 de %2 est %3, mais aucun événement de suivi ne l&apos;indique</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="185"/>
        <source>tracking: shipment %1 of %2 is delivered without a delivery time</source>
        <translation>suivi : l&apos;expédition %1 de %2 est livrée sans heure de livraison</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="189"/>
        <source>tracking: shipment %1 of %2 is %3 but has a delivery time (%4)</source>
        <translation>suivi : l&apos;expédition %1 de %2 est %3 mais a une heure de livraison (%4)</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="220"/>
        <source>transfer: %1 (%2) %3 shipped %4, received %5, written off %6, but the ledger has %7 out and %8 in</source>
        <translation>transfert : %1 (%2) %3 : expédié %4, réceptionné %5, passé en perte %6, mais le journal des stocks indique %7 en sortie et %8 en entrée</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="242"/>
        <source>purchase order: %1 (%2) received %3 × %4, but the ledger has %5</source>
        <translation>commande fournisseur : %1 (%2) a réceptionné %3 × %4, mais le journal des stocks indique %5</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="263"/>
        <source>count: %1 (%2) adjusts %3 by %4, but the ledger has %5</source>
        <translation>inventaire : %1 (%2) ajuste %3 de %4, mais le journal des stocks indique %5</translation>
    </message>
</context>
<context>
    <name>InventoryDelegate</name>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="56"/>
        <source>%1 %2 at %3: %4 available, %5 projected, %6</source>
        <comment>@info accessible</comment>
        <translation>%1 %2 à %3 : %4 disponibles, %5 prévisionnels, %6</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../qml/InventoryPage.qml" line="13"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="31"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="32"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="33"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="34"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Casier</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="35"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="36"/>
        <source>Reserved</source>
        <comment>@title:column</comment>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="37"/>
        <source>Available</source>
        <comment>@title:column</comment>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="38"/>
        <source>In transit</source>
        <comment>@title:column</comment>
        <translation>En transit</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="39"/>
        <source>On order</source>
        <comment>@title:column</comment>
        <translation>En commande</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="40"/>
        <source>Projected</source>
        <comment>@title:column</comment>
        <translation>Prévisionnel</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="41"/>
        <source>Reorder at</source>
        <comment>@title:column reorder point</comment>
        <translation>Point de cde</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="42"/>
        <source>Value</source>
        <comment>@title:column stock value</comment>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="43"/>
        <source>State</source>
        <comment>@title:column</comment>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="218"/>
        <source>Search SKU, product or location (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>Rechercher un SKU, un article ou un emplacement (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="220"/>
        <source>Search stock</source>
        <comment>@label</comment>
        <translation>Rechercher dans le stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="238"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les emplacements</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="240"/>
        <source>Filter by location</source>
        <comment>@label</comment>
        <translation>Filtrer par emplacement</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="244"/>
        <source>Below reorder point</source>
        <comment>@option:check</comment>
        <translation>Sous le point de commande</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="250"/>
        <source>Out of stock</source>
        <comment>@option:check</comment>
        <translation>En rupture de stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="255"/>
        <source>New product…</source>
        <comment>@action:button</comment>
        <translation>Nouvel article…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="259"/>
        <source>Add a product (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation>Ajouter un article (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="260"/>
        <source>New product</source>
        <comment>@action:button</comment>
        <translation>Nouvel article</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="263"/>
        <source>Import…</source>
        <comment>@action:button</comment>
        <translation>Importer…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="267"/>
        <source>Import products and stock from a file (Ctrl+I)</source>
        <comment>@info:tooltip</comment>
        <translation>Importer des articles et du stock depuis un fichier (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="268"/>
        <source>Import products and stock</source>
        <comment>@action:button</comment>
        <translation>Importer des articles et du stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="271"/>
        <source>Export…</source>
        <comment>@action:button</comment>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="274"/>
        <source>Export stock, the ledger, products or orders to a CSV file (Ctrl+Shift+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Exporter le stock, le journal des stocks, les articles ou les commandes vers un fichier CSV (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="275"/>
        <source>Export to a file</source>
        <comment>@action:button</comment>
        <translation>Exporter vers un fichier</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="278"/>
        <source>Locations…</source>
        <comment>@action:button</comment>
        <translation>Emplacements…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="281"/>
        <source>Add locations or change their priority, postcode and region</source>
        <comment>@info:tooltip</comment>
        <translation>Ajouter des emplacements ou modifier leur priorité, leur code postal et leur région</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="282"/>
        <source>Locations</source>
        <comment>@action:button</comment>
        <translation>Emplacements</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/InventoryPage.qml" line="288"/>
        <source>%n line(s) · %1 available · value %2</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n ligne · %1 disponibles · valeur %2</numerusform>
            <numerusform>%n lignes · %1 disponibles · valeur %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="366"/>
        <source>Stock levels</source>
        <comment>@label</comment>
        <translation>Niveaux de stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="396"/>
        <source>No stock lines match.</source>
        <comment>@info</comment>
        <translation>Aucune ligne de stock ne correspond.</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="425"/>
        <source>✖ Out of stock</source>
        <comment>@info legend</comment>
        <translation>✖ En rupture de stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="439"/>
        <source>⚠ Reorder: projected below the reorder point</source>
        <comment>@info legend</comment>
        <translation>⚠ À réapprovisionner : prévisionnel sous le point de commande</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="444"/>
        <source>Projected = available + on order + in transit</source>
        <comment>@info legend</comment>
        <translation>Prévisionnel = disponible + en commande + en transit</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="450"/>
        <source>Showing the first %1 lines: narrow the search.</source>
        <comment>@info</comment>
        <translation>Affichage des %1 premières lignes : affinez la recherche.</translation>
    </message>
</context>
<context>
    <name>InventoryPolicy</name>
    <message>
        <location filename="../src/domain/inventorysim.cpp" line="381"/>
        <source>(R, S) = (%1, %2)</source>
        <translation>(R, S) = (%1, %2)</translation>
    </message>
    <message>
        <location filename="../src/domain/inventorysim.cpp" line="385"/>
        <source>(s, S) = (%1, %2)</source>
        <translation>(s, S) = (%1, %2)</translation>
    </message>
</context>
<context>
    <name>Known</name>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="12"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation>SKU « %1 » inconnu.</translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="21"/>
        <source>Unknown location &quot;%1&quot;.</source>
        <translation>Emplacement « %1 » inconnu.</translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="28"/>
        <source>%1 was changed by %2 at %3 — reload?</source>
        <translation>%1 a été modifié par %2 à %3 — recharger ?</translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="29"/>
        <source>someone</source>
        <translation>quelqu&apos;un</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../src/ui/labels.cpp" line="15"/>
        <source>Draft</source>
        <comment>@label order status</comment>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="17"/>
        <source>Placed</source>
        <comment>@label order status</comment>
        <translation>Passée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="19"/>
        <source>Backordered</source>
        <comment>@label order status</comment>
        <translation>En attente de stock</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="21"/>
        <source>Allocated</source>
        <comment>@label order status</comment>
        <translation>Allouée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="23"/>
        <source>Picking</source>
        <comment>@label order status</comment>
        <translation>En préparation</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="25"/>
        <source>Packed</source>
        <comment>@label order status</comment>
        <translation>Emballée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="27"/>
        <source>Partly shipped</source>
        <comment>@label order status</comment>
        <translation>Partiellement expédiée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="29"/>
        <source>Shipped</source>
        <comment>@label order status</comment>
        <translation>Expédiée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="31"/>
        <source>Delivered</source>
        <comment>@label order status</comment>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="33"/>
        <source>On hold</source>
        <comment>@label order status</comment>
        <translation>Suspendue</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="35"/>
        <source>Cancelled</source>
        <comment>@label order status</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="42"/>
        <source>Pending</source>
        <comment>@label payment status</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="44"/>
        <source>Authorised</source>
        <comment>@label payment status</comment>
        <translation>Autorisée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="46"/>
        <source>Paid</source>
        <comment>@label payment status</comment>
        <translation>Payée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="48"/>
        <source>Partly refunded</source>
        <comment>@label payment status</comment>
        <translation>Partiellement remboursée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="50"/>
        <source>Refunded</source>
        <comment>@label payment status</comment>
        <translation>Remboursée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="52"/>
        <source>Voided</source>
        <comment>@label payment status</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="59"/>
        <source>Label created</source>
        <comment>@label shipment status</comment>
        <translation>Étiquette créée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="61"/>
        <source>In transit</source>
        <comment>@label shipment status</comment>
        <translation>En transit</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="63"/>
        <source>Out for delivery</source>
        <comment>@label shipment status</comment>
        <translation>En cours de livraison</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="65"/>
        <source>Delivered</source>
        <comment>@label shipment status</comment>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="67"/>
        <source>Exception</source>
        <comment>@label shipment status</comment>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="69"/>
        <source>Returned to sender</source>
        <comment>@label shipment status</comment>
        <translation>Retournée à l&apos;expéditeur</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="76"/>
        <source>Requested</source>
        <comment>@label return status</comment>
        <translation>Demandé</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="78"/>
        <source>Received</source>
        <comment>@label return status</comment>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="80"/>
        <source>Completed</source>
        <comment>@label return status</comment>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="82"/>
        <source>Refunded</source>
        <comment>@label return status</comment>
        <translation>Remboursé</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="84"/>
        <source>Cancelled</source>
        <comment>@label return status</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="91"/>
        <source>Manual</source>
        <comment>@label sales channel</comment>
        <translation>Manuel</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="97"/>
        <source>Wholesale</source>
        <comment>@label sales channel</comment>
        <translation>Vente en gros</translation>
    </message>
</context>
<context>
    <name>LedgerDelegate</name>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="53"/>
        <source>%1, %2: %3, on hand %4 → %5, %6</source>
        <comment>@info accessible ledger row</comment>
        <translation>%1, %2 : %3, en stock %4 → %5, %6</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="59"/>
        <source>by %1</source>
        <comment>@info:tooltip who booked it</comment>
        <translation>par %1</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="81"/>
        <source>Time</source>
        <comment>@title:column</comment>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="85"/>
        <source>Loc.</source>
        <comment>@title:column location</comment>
        <translation>Empl.</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="89"/>
        <source>What</source>
        <comment>@title:column ledger reason</comment>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="98"/>
        <source>Document</source>
        <comment>@title:column</comment>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="103"/>
        <source>Open %1</source>
        <comment>@action</comment>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="122"/>
        <source>Change</source>
        <comment>@title:column change of on hand</comment>
        <translation>Variation</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="132"/>
        <source>Res.</source>
        <comment>@title:column change of reserved</comment>
        <translation>Rés.</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="138"/>
        <source>On hand</source>
        <comment>@title:column on hand right after the movement</comment>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="144"/>
        <source>By</source>
        <comment>@title:column user</comment>
        <translation>Par</translation>
    </message>
</context>
<context>
    <name>LocationsDialog</name>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="27"/>
        <source>Warehouse</source>
        <comment>@item:inlistbox location kind</comment>
        <translation>Entrepôt</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="28"/>
        <source>Store</source>
        <comment>@item:inlistbox location kind</comment>
        <translation>Magasin</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="29"/>
        <source>Third party (3PL)</source>
        <comment>@item:inlistbox location kind</comment>
        <translation>Tiers (3PL)</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="32"/>
        <source>Code</source>
        <comment>@title:column</comment>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="33"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="34"/>
        <source>Kind</source>
        <comment>@title:column</comment>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="35"/>
        <source>Priority</source>
        <comment>@title:column</comment>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="36"/>
        <source>Postcode</source>
        <comment>@title:column</comment>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="37"/>
        <source>Region</source>
        <comment>@title:column</comment>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="38"/>
        <source>Active</source>
        <comment>@title:column</comment>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="60"/>
        <source>yes</source>
        <comment>@item location active</comment>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="60"/>
        <source>no</source>
        <comment>@item location inactive</comment>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="114"/>
        <source>Locations</source>
        <comment>@title:window</comment>
        <translation>Emplacements</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="207"/>
        <source>Locations</source>
        <comment>@label</comment>
        <translation>Emplacements</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="259"/>
        <source>Code:</source>
        <comment>@label:textbox</comment>
        <translation>Code :</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="267"/>
        <source>e.g. WH-NORTH</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. WH-NORTH</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="268"/>
        <source>Location code</source>
        <comment>@label</comment>
        <translation>Code de l&apos;emplacement</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="269"/>
        <source>The code of a location cannot be changed.</source>
        <comment>@info</comment>
        <translation>Le code d&apos;un emplacement ne peut pas être modifié.</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="273"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation>Nom :</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="279"/>
        <source>Location name</source>
        <comment>@label</comment>
        <translation>Nom de l&apos;emplacement</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="283"/>
        <source>Kind:</source>
        <comment>@label:listbox</comment>
        <translation>Type :</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="290"/>
        <source>Kind of location</source>
        <comment>@label</comment>
        <translation>Type d&apos;emplacement</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="293"/>
        <source>Priority:</source>
        <comment>@label:textbox</comment>
        <translation>Priorité :</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="301"/>
        <source>Priority</source>
        <comment>@label</comment>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="306"/>
        <source>Postcode:</source>
        <comment>@label:textbox</comment>
        <translation>Code postal :</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="312"/>
        <source>Postcode</source>
        <comment>@label</comment>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="316"/>
        <source>Region:</source>
        <comment>@label:textbox</comment>
        <translation>Région :</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="322"/>
        <source>e.g. DE-BY</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. DE-BY</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="323"/>
        <source>Region</source>
        <comment>@label</comment>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="327"/>
        <source>Address:</source>
        <comment>@label:textbox</comment>
        <translation>Adresse :</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="334"/>
        <source>Address</source>
        <comment>@label</comment>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="345"/>
        <source>Active (stock can be kept and shipped here)</source>
        <comment>@option:check</comment>
        <translation>Actif (le stock peut être conservé et expédié ici)</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="356"/>
        <source>Priority: lower ships first. Order routing picks a location that can ship the whole order by priority; among equal priorities the nearest by postcode, then one in the ship-to region.</source>
        <comment>@info</comment>
        <translation>Priorité : la plus basse expédie en premier. L&apos;affectation des commandes choisit par priorité un emplacement pouvant expédier toute la commande ; à priorité égale, le plus proche par code postal, puis un emplacement de la région de livraison.</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="378"/>
        <source>New location</source>
        <comment>@action:button</comment>
        <translation>Nouvel emplacement</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="384"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="384"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="391"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="33"/>
        <source>Stockroom</source>
        <comment>@title:window</comment>
        <translation>Stockroom</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="159"/>
        <source>Stockroom</source>
        <comment>@title</comment>
        <translation>Stockroom</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="177"/>
        <source>No users yet (administrator)</source>
        <comment>@info:status</comment>
        <translation>Aucun utilisateur pour l&apos;instant (administrateur)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="178"/>
        <source>%1 · %2</source>
        <comment>@info:status user · role</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="183"/>
        <source>Users…</source>
        <comment>@action:button</comment>
        <translation>Utilisateurs…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="183"/>
        <source>Password…</source>
        <comment>@action:button</comment>
        <translation>Mot de passe…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="186"/>
        <source>Users and roles</source>
        <comment>@action:button</comment>
        <translation>Utilisateurs et rôles</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="186"/>
        <source>Change my password</source>
        <comment>@action:button</comment>
        <translation>Modifier mon mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="189"/>
        <source>Sign out</source>
        <comment>@action:button</comment>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="193"/>
        <source>Forget this desktop&apos;s sign-in and quit</source>
        <comment>@info:tooltip</comment>
        <translation>Oublier la connexion de ce poste et quitter</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="197"/>
        <source>Connection…</source>
        <comment>@action:button</comment>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="200"/>
        <source>Choose the database (Ctrl+Shift+D)</source>
        <comment>@info:tooltip</comment>
        <translation>Choisir la base de données (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="201"/>
        <source>Database connection</source>
        <comment>@action:button</comment>
        <translation>Connexion à la base de données</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="205"/>
        <source>Settings…</source>
        <comment>@action:button</comment>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="208"/>
        <source>Language and text size (Ctrl+,)</source>
        <comment>@info:tooltip</comment>
        <translation>Langue et taille du texte (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="209"/>
        <source>Settings</source>
        <comment>@action:button</comment>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="213"/>
        <source>Help</source>
        <comment>@action:button</comment>
        <translation>Aide</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="216"/>
        <source>Keyboard shortcuts (F1)</source>
        <comment>@info:tooltip</comment>
        <translation>Raccourcis clavier (F1)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="217"/>
        <source>Keyboard shortcuts</source>
        <comment>@action:button</comment>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="220"/>
        <source>Refresh</source>
        <comment>@action:button</comment>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="224"/>
        <source>Reload every view (F5)</source>
        <comment>@info:tooltip</comment>
        <translation>Recharger toutes les vues (F5)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="239"/>
        <source>Database problem: %1</source>
        <comment>@info:status</comment>
        <translation>Problème de base de données : %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="240"/>
        <source>%1 · %2</source>
        <comment>@info:status engine · database</comment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="246"/>
        <source>%n other desktop(s) online</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n autre poste en ligne</numerusform>
            <numerusform>%n autres postes en ligne</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="250"/>
        <source>● Live</source>
        <comment>@info:status live refresh on</comment>
        <translation>● En direct</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="251"/>
        <source>○ Not live</source>
        <comment>@info:status live refresh off</comment>
        <translation>○ Pas en direct</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="253"/>
        <source>Live refresh on</source>
        <comment>@info</comment>
        <translation>Actualisation en direct activée</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="253"/>
        <source>Live refresh off</source>
        <comment>@info</comment>
        <translation>Actualisation en direct désactivée</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="257"/>
        <source>more than %1 orders</source>
        <comment>@info:status</comment>
        <translation>plus de %1 commandes</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="258"/>
        <source>%n order(s)</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n commande</numerusform>
            <numerusform>%n commandes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="283"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="284"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="285"/>
        <source>Receiving</source>
        <comment>@title:tab</comment>
        <translation>Réception</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="286"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="287"/>
        <source>Counts</source>
        <comment>@title:tab stock counts</comment>
        <translation>Inventaires</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="288"/>
        <source>Channels</source>
        <comment>@title:tab sales channels&apos; stock feeds</comment>
        <translation>Canaux de vente</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="289"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation>Prévision</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="290"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="291"/>
        <source>Audit</source>
        <comment>@title:tab who did what</comment>
        <translation>Audit</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <location filename="../src/store/migrations.cpp" line="733"/>
        <source>This database has schema version %1, newer than this Stockroom knows (%2). It was left untouched: update Stockroom to open it.</source>
        <translation>Cette base de données a la version de schéma %1, plus récente que celles que connaît ce Stockroom (%2). Elle n&apos;a pas été modifiée : mettez Stockroom à jour pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="751"/>
        <source>This database has schema version %1 and this Stockroom needs version %2, but the PostgreSQL user %3 may not change the schema. Ask the database owner to run &quot;stockroomctl init&quot; with this Stockroom (it upgrades the schema), then start again.</source>
        <translation>Cette base de données a la version de schéma %1 et ce Stockroom nécessite la version %2, mais l&apos;utilisateur PostgreSQL %3 n&apos;a pas le droit de modifier le schéma. Demandez au propriétaire de la base de données d&apos;exécuter « stockroomctl init » avec ce Stockroom (cela met le schéma à niveau), puis redémarrez.</translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="783"/>
        <source>Schema upgrade to version %1 failed: %2</source>
        <translation>La mise à niveau du schéma vers la version %1 a échoué : %2</translation>
    </message>
</context>
<context>
    <name>NewOrderDialog</name>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="77"/>
        <source>New order</source>
        <comment>@title:window</comment>
        <translation>Nouvelle commande</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="130"/>
        <source>SKU or scan</source>
        <comment>@info:placeholder</comment>
        <translation>SKU ou scan</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="131"/>
        <source>SKU of line %1</source>
        <comment>@label</comment>
        <translation>SKU de la ligne %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="144"/>
        <source>Product of line %1: %2</source>
        <comment>@label</comment>
        <translation>Article de la ligne %1 : %2</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="152"/>
        <source>Qty</source>
        <comment>@info:placeholder quantity</comment>
        <translation>Qté</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="158"/>
        <source>Quantity of line %1</source>
        <comment>@label</comment>
        <translation>Quantité de la ligne %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="172"/>
        <source>Remove line %1</source>
        <comment>@action:button</comment>
        <translation>Supprimer la ligne %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="174"/>
        <source>Remove this line</source>
        <comment>@info:tooltip</comment>
        <translation>Supprimer cette ligne</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="214"/>
        <source>Customer:</source>
        <comment>@label:textbox</comment>
        <translation>Client :</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="220"/>
        <source>Name</source>
        <comment>@info:placeholder</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="221"/>
        <source>Customer name</source>
        <comment>@label</comment>
        <translation>Nom du client</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="224"/>
        <source>E-mail:</source>
        <comment>@label:textbox</comment>
        <translation>E-mail :</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="230"/>
        <source>optional</source>
        <comment>@info:placeholder</comment>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="232"/>
        <source>Customer e-mail</source>
        <comment>@label</comment>
        <translation>E-mail du client</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="235"/>
        <source>Region:</source>
        <comment>@label:textbox</comment>
        <translation>Région :</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="241"/>
        <source>optional: breaks ties between locations</source>
        <comment>@info:placeholder</comment>
        <translation>facultatif : départage les emplacements</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="242"/>
        <source>Ship-to region</source>
        <comment>@label</comment>
        <translation>Région de livraison</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="245"/>
        <source>Postcode:</source>
        <comment>@label:textbox</comment>
        <translation>Code postal :</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="251"/>
        <source>optional: the nearest location ships</source>
        <comment>@info:placeholder</comment>
        <translation>facultatif : l&apos;emplacement le plus proche expédie</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="252"/>
        <source>Ship-to postcode</source>
        <comment>@label</comment>
        <translation>Code postal de livraison</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="255"/>
        <source>Channel:</source>
        <comment>@label:listbox</comment>
        <translation>Canal de vente :</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="263"/>
        <source>Sales channel</source>
        <comment>@label</comment>
        <translation>Canal de vente</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="266"/>
        <source>Payment:</source>
        <comment>@label:listbox</comment>
        <translation>Paiement :</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="275"/>
        <source>Payment state</source>
        <comment>@label</comment>
        <translation>État du paiement</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="284"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="289"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="294"/>
        <source>Quantity</source>
        <comment>@title:column</comment>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="322"/>
        <source>Add line</source>
        <comment>@action:button</comment>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="325"/>
        <source>Or press Enter in the last quantity</source>
        <comment>@info:tooltip</comment>
        <translation>Ou appuyez sur Enter dans la dernière quantité</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="334"/>
        <source>The database cannot be reached: orders can be placed again once it is back.</source>
        <comment>@info</comment>
        <translation>La base de données est inaccessible : les commandes pourront de nouveau être passées dès son retour.</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="341"/>
        <source>Not placed: %1</source>
        <comment>@info why</comment>
        <translation>Non passée : %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="363"/>
        <source>%1 placed: %2</source>
        <comment>@info order number, status</comment>
        <translation>%1 passée : %2</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="371"/>
        <source>Show order</source>
        <comment>@action:button</comment>
        <translation>Afficher la commande</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="373"/>
        <source>Show order %1</source>
        <comment>@action:button</comment>
        <translation>Afficher la commande %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/NewOrderDialog.qml" line="400"/>
        <source>%n backordered</source>
        <comment>@info units</comment>
        <translation>
            <numerusform>%n en attente de stock</numerusform>
            <numerusform>%n en attente de stock</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="401"/>
        <source>%1 × %2 %3: %4</source>
        <comment>@info qty, SKU, product name, where from</comment>
        <translation>%1 × %2 %3 : %4</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="425"/>
        <source>Placing…</source>
        <comment>@action:button</comment>
        <translation>Validation…</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="425"/>
        <source>Place order</source>
        <comment>@action:button</comment>
        <translation>Passer la commande</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="432"/>
        <source>Place the order</source>
        <comment>@action:button</comment>
        <translation>Passer la commande</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="435"/>
        <location filename="../qml/NewOrderDialog.qml" line="437"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>NewPurchaseOrderDialog</name>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="52"/>
        <source>New purchase order</source>
        <comment>@title:window</comment>
        <translation>Nouvelle commande fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="94"/>
        <source>Supplier:</source>
        <comment>@label:listbox</comment>
        <translation>Fournisseur :</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="107"/>
        <source>Supplier</source>
        <comment>@label</comment>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="111"/>
        <source>New supplier…</source>
        <comment>@action:button</comment>
        <translation>Nouveau fournisseur…</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="113"/>
        <source>New supplier</source>
        <comment>@action:button</comment>
        <translation>Nouveau fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="117"/>
        <source>Deliver to:</source>
        <comment>@label:listbox</comment>
        <translation>Livrer à :</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="124"/>
        <source>Receiving location</source>
        <comment>@label</comment>
        <translation>Emplacement de réception</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="127"/>
        <source>Expected:</source>
        <comment>@label:textbox</comment>
        <translation>Prévue le :</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="133"/>
        <source>yyyy-mm-dd (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>aaaa-mm-jj (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="137"/>
        <source>Expected date</source>
        <comment>@label</comment>
        <translation>Date prévue</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="143"/>
        <source>There are no suppliers yet: add one with New supplier….</source>
        <comment>@info</comment>
        <translation>Il n&apos;y a pas encore de fournisseur : ajoutez-en un avec Nouveau fournisseur….</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="144"/>
        <source>There are no suppliers yet: add one first (stockroomctl supplier add --name NAME).</source>
        <comment>@info</comment>
        <translation>Il n&apos;y a pas encore de fournisseur : ajoutez-en d&apos;abord un (stockroomctl supplier add --name NAME).</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="158"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Note (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="159"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="193"/>
        <source>New supplier</source>
        <comment>@title:window</comment>
        <translation>Nouveau fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="225"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation>Nom :</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="231"/>
        <source>Supplier name</source>
        <comment>@label</comment>
        <translation>Nom du fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="235"/>
        <source>E-mail:</source>
        <comment>@label:textbox</comment>
        <translation>E-mail :</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="241"/>
        <source>for purchase orders (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>pour les commandes fournisseur (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="243"/>
        <source>Supplier e-mail</source>
        <comment>@label</comment>
        <translation>E-mail du fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="247"/>
        <source>Lead time (days):</source>
        <comment>@label:textbox</comment>
        <translation>Délai d&apos;approvisionnement (jours) :</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="255"/>
        <source>Lead time in days</source>
        <comment>@label</comment>
        <translation>Délai d&apos;approvisionnement en jours</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="272"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="279"/>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="297"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="288"/>
        <source>Create draft</source>
        <comment>@action:button</comment>
        <translation>Créer un brouillon</translation>
    </message>
</context>
<context>
    <name>NewTransferDialog</name>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="31"/>
        <source>New transfer</source>
        <comment>@title:window</comment>
        <translation>Nouveau transfert</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="72"/>
        <source>From:</source>
        <comment>@label:listbox source location</comment>
        <translation>De :</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="79"/>
        <source>Source location</source>
        <comment>@label</comment>
        <translation>Emplacement source</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="82"/>
        <source>To:</source>
        <comment>@label:listbox destination location</comment>
        <translation>Vers :</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="90"/>
        <source>Destination location</source>
        <comment>@label</comment>
        <translation>Emplacement de destination</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="96"/>
        <source>A transfer goes between two different locations.</source>
        <comment>@info</comment>
        <translation>Un transfert se fait entre deux emplacements différents.</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="109"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Note (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="110"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="125"/>
        <source>Create draft</source>
        <comment>@action:button</comment>
        <translation>Créer un brouillon</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="134"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>OrderDelegate</name>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="31"/>
        <source>Selected: </source>
        <comment>@info accessible</comment>
        <translation>Sélectionnée : </translation>
    </message>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="31"/>
        <source>Order %1, %2, %3</source>
        <comment>@info accessible</comment>
        <translation>Commande %1, %2, %3</translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="80"/>
        <source>No order selected</source>
        <comment>@info</comment>
        <translation>Aucune commande sélectionnée</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="104"/>
        <source>paid %1</source>
        <comment>@info</comment>
        <translation>payé %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="105"/>
        <source>refunded %1</source>
        <comment>@info</comment>
        <translation>remboursé %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="113"/>
        <source>On hold: %1</source>
        <comment>@info</comment>
        <translation>Suspendue : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="121"/>
        <source>%1 says: %2</source>
        <comment>@info channel, its state of the order</comment>
        <translation>%1 indique : %2</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="129"/>
        <source>Note: %1</source>
        <comment>@info the order&apos;s note</comment>
        <translation>Note : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="137"/>
        <source>Rules: %1</source>
        <comment>@info</comment>
        <translation>Règles : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="144"/>
        <source>⚠ %1 on another desktop</source>
        <comment>@info</comment>
        <translation>⚠ %1 sur un autre poste</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrderDetailPane.qml" line="154"/>
        <source>Actions apply to the %n selected order(s).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Les actions s&apos;appliquent à la %n commande sélectionnée.</numerusform>
            <numerusform>Les actions s&apos;appliquent aux %n commandes sélectionnées.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="166"/>
        <source>Pay</source>
        <comment>@action:button</comment>
        <translation>Encaisser</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="172"/>
        <source>Release</source>
        <comment>@action:button</comment>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="178"/>
        <source>Unhold</source>
        <comment>@action:button</comment>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="178"/>
        <source>Hold</source>
        <comment>@action:button</comment>
        <translation>Suspendre</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="184"/>
        <source>Pack…</source>
        <comment>@action:button</comment>
        <translation>Emballer…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="190"/>
        <source>Ship…</source>
        <comment>@action:button</comment>
        <translation>Expédier…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="196"/>
        <source>Labels PDF</source>
        <comment>@action:button</comment>
        <translation>PDF des étiquettes</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="202"/>
        <source>Print labels…</source>
        <comment>@action:button</comment>
        <translation>Imprimer les étiquettes…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="208"/>
        <source>Refund…</source>
        <comment>@action:button</comment>
        <translation>Rembourser…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="213"/>
        <source>Return…</source>
        <comment>@action:button</comment>
        <translation>Retour…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="218"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation>Annuler…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="233"/>
        <source>Reload</source>
        <comment>@action:button</comment>
        <translation>Recharger</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="242"/>
        <source>Lines</source>
        <comment>@title:group</comment>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="276"/>
        <source>from %1</source>
        <comment>@info allocation</comment>
        <translation>depuis %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="277"/>
        <source>%1 packed</source>
        <comment>@info</comment>
        <translation>emballés : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="278"/>
        <source>%1 backordered</source>
        <comment>@info</comment>
        <translation>en attente de stock : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="279"/>
        <source>%1 shipped</source>
        <comment>@info</comment>
        <translation>expédiés : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="280"/>
        <source>%1 returned</source>
        <comment>@info</comment>
        <translation>retournés : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="281"/>
        <source>%1 cancelled</source>
        <comment>@info</comment>
        <translation>annulés : %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="296"/>
        <source>⚠ not one of our products: %1 × %2</source>
        <comment>@info their SKU, quantity</comment>
        <translation>⚠ pas l&apos;un de nos articles : %1 × %2</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="305"/>
        <source>Map…</source>
        <comment>@action:button map their SKUs to ours</comment>
        <translation>Associer…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="309"/>
        <source>Say which of our products each line is: the order then comes off hold</source>
        <comment>@info:tooltip</comment>
        <translation>Indiquez à quel article de notre catalogue correspond chaque ligne : la commande est alors reprise</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="310"/>
        <source>Map the lines that name none of our products</source>
        <comment>@action:button</comment>
        <translation>Associer les lignes qui ne désignent aucun de nos articles</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="315"/>
        <source>Routing</source>
        <comment>@title:group</comment>
        <translation>Affectation</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="326"/>
        <source>Shipments</source>
        <comment>@title:group</comment>
        <translation>Expéditions</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="358"/>
        <source>Add event…</source>
        <comment>@action:button</comment>
        <translation>Événement…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="362"/>
        <source>Add a tracking event</source>
        <comment>@action:button</comment>
        <translation>Ajouter un événement de suivi</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="399"/>
        <source>Returns</source>
        <comment>@title:group</comment>
        <translation>Retours</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="424"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation>Réceptionner…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="430"/>
        <source>Cancel return</source>
        <comment>@action:button</comment>
        <translation>Annuler le retour</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="436"/>
        <source>Refund</source>
        <comment>@action:button</comment>
        <translation>Rembourser</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="445"/>
        <source>History</source>
        <comment>@title:group</comment>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="464"/>
        <source>Last change by %1</source>
        <comment>@info</comment>
        <translation>Dernière modification par %1</translation>
    </message>
</context>
<context>
    <name>OrderFileReader</name>
    <message>
        <location filename="../src/io/orderimport.cpp" line="438"/>
        <source>&quot;%1&quot; is not a quantity: a whole number from %2 to %3</source>
        <translation>« %1 » n&apos;est pas une quantité : un nombre entier de %2 à %3</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="502"/>
        <source>&quot;%1&quot; is not an amount of money</source>
        <translation>« %1 » n&apos;est pas un montant</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="503"/>
        <source>&quot;%1&quot; is not an amount of money: %2</source>
        <translation>« %1 » n&apos;est pas un montant : %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="532"/>
        <source>write the amount alone, like 1234.50</source>
        <translation>indiquez le montant seul, par exemple 1234.50</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="538"/>
        <source>&quot;%1&quot; is not a currency sign we know ($, US $, C $, AU $, £, € or a code like EUR)</source>
        <translation>« %1 » n&apos;est pas un symbole monétaire connu ($, US $, C $, AU $, £, € ou un code comme EUR)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="547"/>
        <source>write the cents after a dot and no thousands separators (1234.50)</source>
        <translation>écrivez les centimes après un point, sans séparateur de milliers (1234.50)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="592"/>
        <source>at most 2 decimals</source>
        <translation>2 décimales au maximum</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="595"/>
        <location filename="../src/io/orderimport.cpp" line="612"/>
        <source>more than 100000000.00</source>
        <translation>supérieur à 100000000.00</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1102"/>
        <source>… and %1 more problems</source>
        <translation>… et %1 autres problèmes</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1162"/>
        <location filename="../src/io/orderimport.cpp" line="2105"/>
        <source>empty: an item needs its price</source>
        <translation>vide : un article doit avoir son prix</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1176"/>
        <source>cannot be opened: %1</source>
        <translation>ouverture impossible : %1</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1231"/>
        <source>%1 (in any order, more columns may follow)</source>
        <translation>%1 (dans n&apos;importe quel ordre, d&apos;autres colonnes peuvent suivre)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1300"/>
        <source>the file is empty: it has no orders</source>
        <translation>le fichier est vide : il ne contient aucune commande</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1334"/>
        <source>the header fits none of the order files we read; expected one of these headers: %1</source>
        <translation>l&apos;en-tête ne correspond à aucun des fichiers de commandes que nous savons lire ; l&apos;un de ces en-têtes est attendu : %1</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1357"/>
        <source>the header does not fit the %1 format: it lacks %2; expected a header with %3</source>
        <translation>l&apos;en-tête ne correspond pas au format %1 : il manque %2 ; un en-tête avec %3 est attendu</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1360"/>
        <source>, or </source>
        <translation>, ou </translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1379"/>
        <source>unknown column (the columns are %1)</source>
        <translation>colonne inconnue (les colonnes sont %1)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1384"/>
        <source>the same as column %1: keep one of them</source>
        <translation>identique à la colonne %1 : n&apos;en gardez qu&apos;une</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1433"/>
        <source>the file has no orders: nothing follows the header line</source>
        <translation>le fichier ne contient aucune commande : rien ne suit la ligne d&apos;en-tête</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1458"/>
        <source>the order id is empty</source>
        <translation>l&apos;identifiant de la commande est vide</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1476"/>
        <source>the rows of order %1 are not together: it began on line %2 and comes again here after other orders (export the file again or sort it by order)</source>
        <translation>les lignes de la commande %1 ne sont pas regroupées : elle commence à la ligne %2 et réapparaît ici après d&apos;autres commandes (exportez de nouveau le fichier ou triez-le par commande)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1491"/>
        <source>%1 fields where the header has %2 (a separator in a field that is not quoted?)</source>
        <translation>%1 champs alors que l&apos;en-tête en a %2 (un séparateur dans un champ sans guillemets ?)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1533"/>
        <source>order %1 has no date</source>
        <translation>la commande %1 n&apos;a pas de date</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1591"/>
        <source>empty: every order needs the date it was placed</source>
        <translation>vide : chaque commande doit indiquer la date à laquelle elle a été passée</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1603"/>
        <source>ISO 8601 with Z or an offset, like 2025-05-11T13:55:16Z</source>
        <translation>ISO 8601 avec Z ou un décalage horaire, par exemple 2025-05-11T13:55:16Z</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1620"/>
        <source>2025-03-04 14:22:10 or ISO 8601 with an offset</source>
        <translation>2025-03-04 14:22:10 ou ISO 8601 avec un décalage horaire</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1629"/>
        <source>03/05/25 (month/day/year)</source>
        <translation>03/05/25 (mois/jour/année)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1635"/>
        <source>&quot;%1&quot;: the time zone &quot;%2&quot; is not one we know (PST, PDT, MST, MDT, CST, CDT, EST, EDT, GMT, BST, CET, CEST, UTC); write an offset like -0700</source>
        <translation>« %1 » : le fuseau horaire « %2 » n&apos;est pas reconnu (PST, PDT, MST, MDT, CST, CDT, EST, EDT, GMT, BST, CET, CEST, UTC) ; indiquez un décalage comme -0700</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1643"/>
        <source>&quot;%1&quot; has no time zone: write it like %2</source>
        <translation>« %1 » n&apos;a pas de fuseau horaire : écrivez-le comme %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1649"/>
        <source>&quot;%1&quot; is not a date and time like %2</source>
        <translation>« %1 » n&apos;est pas une date avec heure comme %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1670"/>
        <source>&quot;%1&quot; is not an amount of money: it is negative</source>
        <translation>« %1 » n&apos;est pas un montant : il est négatif</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1747"/>
        <source>an item needs a SKU or a name</source>
        <translation>un article doit avoir un SKU ou un nom</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1787"/>
        <source>&quot;%1&quot; is not an order status (draft, placed, backordered, allocated, picking, packed, partially_shipped, shipped, delivered, on_hold, cancelled)</source>
        <translation>« %1 » n&apos;est pas un statut de commande (draft, placed, backordered, allocated, picking, packed, partially_shipped, shipped, delivered, on_hold, cancelled)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1803"/>
        <source>&quot;%1&quot; is not a payment status (pending, authorized, paid, partially_refunded, refunded, voided)</source>
        <translation>« %1 » n&apos;est pas un statut de paiement (pending, authorized, paid, partially_refunded, refunded, voided)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1819"/>
        <source>empty: a line needs its unit price</source>
        <translation>vide : une ligne doit avoir son prix unitaire</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1827"/>
        <source>empty: every line of our orders has a SKU</source>
        <translation>vide : chaque ligne de nos commandes a un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1835"/>
        <source>%1 shipped and %2 cancelled are more than the %3 ordered</source>
        <translation>%1 expédiés et %2 annulés dépassent les %3 commandés</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1877"/>
        <source>&quot;%1&quot; is not a Shopify financial status (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided)</source>
        <translation>« %1 » n&apos;est pas un statut financier Shopify (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1889"/>
        <source>&quot;%1&quot; is not a Shopify fulfillment status (fulfilled, partial, unfulfilled, restocked)</source>
        <translation>« %1 » n&apos;est pas un statut d&apos;exécution Shopify (fulfilled, partial, unfulfilled, restocked)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1909"/>
        <source>empty: a line item needs its price</source>
        <translation>vide : une ligne d&apos;article doit avoir son prix</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1939"/>
        <source>&quot;%1&quot; is not an Amazon order status (Pending, Unshipped, PartiallyShipped, Shipped, Canceled)</source>
        <translation>« %1 » n&apos;est pas un statut de commande Amazon (Pending, Unshipped, PartiallyShipped, Shipped, Canceled)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2053"/>
        <source>&quot;%1&quot; is not a WooCommerce order status (pending, processing, on-hold, completed, cancelled, refunded, failed)</source>
        <translation>« %1 » n&apos;est pas un statut de commande WooCommerce (pending, processing, on-hold, completed, cancelled, refunded, failed)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2139"/>
        <location filename="../src/io/orderimport.cpp" line="2152"/>
        <source>item &quot;%1&quot;: %2</source>
        <translation>article « %1 » : %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2154"/>
        <source>&quot;%1&quot; is negative</source>
        <translation>« %1 » est négatif</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2163"/>
        <source>item &quot;%1&quot; has neither a sku nor a name</source>
        <translation>l&apos;article « %1 » n&apos;a ni SKU ni nom</translation>
    </message>
</context>
<context>
    <name>OrderFlow</name>
    <message>
        <location filename="../src/services/orderflow.cpp" line="22"/>
        <source>There is no order %1.</source>
        <translation>La commande %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="41"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation>La commande %1 a été modifiée entre-temps.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="56"/>
        <location filename="../src/services/orderservice.cpp" line="503"/>
        <source>Order %1 is %2: it cannot be %3.</source>
        <translation>La commande %1 est à l&apos;état « %2 » : %3 impossible.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="94"/>
        <source>delivered</source>
        <translation>livraison</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="95"/>
        <source>every parcel delivered</source>
        <translation>tous les colis livrés</translation>
    </message>
</context>
<context>
    <name>OrderImportService</name>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="158"/>
        <location filename="../src/services/orderimportservice.cpp" line="272"/>
        <source>line %1: order %2: unknown payment state &quot;%3&quot;.</source>
        <translation>ligne %1 : commande %2 : état de paiement inconnu « %3 ».</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="210"/>
        <source>nothing in it is sent (gift cards, digital goods): not imported</source>
        <translation>rien n&apos;y est à expédier (cartes cadeaux, produits numériques) : non importée</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="222"/>
        <source>unknown SKU: %1 (map under SKU aliases)</source>
        <translation>SKU inconnu : %1 (à associer dans les alias de SKU)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="226"/>
        <source>%1 no longer sold here (inactive)</source>
        <translation>%1 n&apos;est plus vendu ici (inactif)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="231"/>
        <location filename="../src/services/orderimportservice.cpp" line="238"/>
        <source>line %1: order %2: %3</source>
        <translation>ligne %1 : commande %2 : %3</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="255"/>
        <source>on hold: %1</source>
        <translation>suspendue : %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="294"/>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="303"/>
        <source>refunded %1 more on %2</source>
        <translation>%1 de plus remboursés sur %2</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="309"/>
        <source>%1 says %2; kept %3 (imports move a state only forward)</source>
        <translation>%1 indique %2 ; %3 conservé (une importation ne fait qu&apos;avancer un état)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="316"/>
        <source>cancelled on %1</source>
        <translation>annulée sur %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="320"/>
        <source>cancelled on %1, but it is %2 here</source>
        <translation>annulée sur %1, mais à l&apos;état %2 ici</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="326"/>
        <source>fulfilled on %1, but on hold here</source>
        <translation>exécutée sur %1, mais suspendue ici</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderimportservice.cpp" line="343"/>
        <source>fulfilled on %1, but %n unit(s) are still backordered here</source>
        <translation>
            <numerusform>exécutée sur %1, mais %n unité est encore en attente de stock ici</numerusform>
            <numerusform>exécutée sur %1, mais %n unités sont encore en attente de stock ici</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="349"/>
        <source>partly fulfilled on %1: check what is left to send here</source>
        <translation>partiellement exécutée sur %1 : vérifiez ce qu&apos;il reste à expédier ici</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="392"/>
        <source>(a line without SKU or name)</source>
        <translation>(une ligne sans SKU ni nom)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="401"/>
        <source>An order import needs a channel.</source>
        <translation>Une importation de commandes nécessite un canal de vente.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="450"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 on hold</source>
        <translation>%1 nouvelles, %2 mises à jour, %3 inchangées, %4 suspendues</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="492"/>
        <source>line %1: %2 is our %3</source>
        <translation>ligne %1 : %2 correspond à notre %3</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="512"/>
        <source>An alias needs the platform&apos;s SKU or item name.</source>
        <translation>Un alias nécessite le SKU ou le nom d&apos;article de la plateforme.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="514"/>
        <source>The alias</source>
        <translation>L&apos;alias</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="515"/>
        <source>The channel</source>
        <translation>Le canal de vente</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="524"/>
        <source>%1 is our SKU already; an alias of itself changes nothing.</source>
        <translation>%1 est déjà notre SKU ; un alias vers lui-même ne change rien.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="544"/>
        <source>There is no alias &quot;%1&quot;%2.</source>
        <translation>Il n&apos;existe pas d&apos;alias « %1 »%2.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="547"/>
        <source> for %1</source>
        <translation> pour %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="564"/>
        <source>&quot;%1&quot; is not an order number.</source>
        <translation>« %1 » n&apos;est pas un numéro de commande.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="582"/>
        <source>Order %1 has no unknown line %2.</source>
        <translation>La commande %1 n&apos;a pas de ligne inconnue %2.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="586"/>
        <source>line %1 (%2 × %3) dropped: it will not be sent</source>
        <translation>ligne %1 (%2 × %3) écartée : elle ne sera pas expédiée</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="598"/>
        <source>no line of ours left</source>
        <translation>il ne reste aucune ligne de nos articles</translation>
    </message>
</context>
<context>
    <name>OrderImporter</name>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="74"/>
        <source>holds orders of several channels (%1): import one channel per file, or name the channel with --channel</source>
        <translation>contient des commandes de plusieurs canaux de vente (%1) : importez un canal par fichier ou indiquez le canal avec --channel</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="88"/>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%1 : %n problème ; rien n&apos;a été importé.</numerusform>
            <numerusform>%1 : %n problèmes ; rien n&apos;a été importé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="91"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 on hold; %n line(s)</source>
        <translation>
            <numerusform>%1 nouvelles, %2 mises à jour, %3 inchangées, %4 suspendues ; %n ligne</numerusform>
            <numerusform>%1 nouvelles, %2 mises à jour, %3 inchangées, %4 suspendues ; %n lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="98"/>
        <source>; %n order(s) with nothing to send skipped</source>
        <translation>
            <numerusform>; %n commande sans rien à expédier ignorée</numerusform>
            <numerusform>; %n commandes sans rien à expédier ignorées</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="100"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="101"/>
        <source>%1 (%2), dry run, nothing changed: %3</source>
        <translation>%1 (%2), simulation, rien n&apos;a été modifié : %3</translation>
    </message>
</context>
<context>
    <name>OrderService</name>
    <message>
        <location filename="../src/services/orderservice.cpp" line="35"/>
        <source>An order needs at least one line.</source>
        <translation>Une commande doit avoir au moins une ligne.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="38"/>
        <source>An order may have at most %1 lines.</source>
        <translation>Une commande peut avoir au maximum %1 lignes.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="41"/>
        <source>The channel</source>
        <translation>Le canal de vente</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="43"/>
        <source>The channel&apos;s order id</source>
        <translation>L&apos;identifiant de commande du canal de vente</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="45"/>
        <source>The customer name</source>
        <translation>Le nom du client</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="47"/>
        <source>The e-mail address</source>
        <translation>L&apos;adresse e-mail</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="48"/>
        <source>The region</source>
        <translation>La région</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="50"/>
        <source>The postcode</source>
        <translation>Le code postal</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="52"/>
        <source>The address</source>
        <translation>L&apos;adresse</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="53"/>
        <source>The note</source>
        <translation>La note</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="54"/>
        <source>The channel&apos;s state</source>
        <translation>L&apos;état sur le canal de vente</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="57"/>
        <source>The hold reason</source>
        <translation>Le motif de suspension</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="59"/>
        <location filename="../src/services/orderservice.cpp" line="64"/>
        <source>The SKU</source>
        <translation>Le SKU</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="61"/>
        <source>The channel&apos;s SKU</source>
        <translation>Le SKU du canal de vente</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="65"/>
        <source>The item name</source>
        <translation>Le nom de l&apos;article</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="69"/>
        <source>An order line has no SKU.</source>
        <translation>Une ligne de commande n&apos;a pas de SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="72"/>
        <location filename="../src/services/orderservice.cpp" line="88"/>
        <source>The quantity of %1 must be between 1 and %2, not %3.</source>
        <translation>La quantité de %1 doit être comprise entre 1 et %2, et non %3.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="79"/>
        <source>Of %1 × %2, %3 sent and %4 cancelled is not possible.</source>
        <translation>Pour %1 × %2, il est impossible d&apos;avoir %3 expédiés et %4 annulés.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="95"/>
        <source>An order needs a channel.</source>
        <translation>Une commande nécessite un canal de vente.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="98"/>
        <source>Unknown payment state &quot;%1&quot;.</source>
        <translation>État de paiement inconnu « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="133"/>
        <source>Order %1 from %2 is already here as %3.</source>
        <translation>La commande %1 de %2 existe déjà ici sous le numéro %3.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="182"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation>SKU « %1 » inconnu.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="187"/>
        <source>%1 is no longer sold (inactive).</source>
        <translation>%1 n&apos;est plus vendu (inactif).</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="206"/>
        <source>nothing reserved: no line names one of our products yet</source>
        <translation>rien de réservé : aucune ligne ne désigne encore l&apos;un de nos articles</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="207"/>
        <source>nothing to reserve: %1 sent or cancelled every unit before the import</source>
        <translation>rien à réserver : %1 a expédié ou annulé toutes les unités avant l&apos;importation</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="210"/>
        <source>%1 ships only from %2; </source>
        <translation>%1 n&apos;est expédié que depuis %2 ; </translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="283"/>
        <source>re-routed: another desktop took stock meanwhile</source>
        <translation>réaffectée : un autre poste a pris du stock entre-temps</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="332"/>
        <source>Order %1 from %2 is already here.</source>
        <translation>La commande %1 de %2 existe déjà ici.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="374"/>
        <source>placed: %1</source>
        <translation>passée : %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="375"/>
        <source>imported from %1 %2: %3</source>
        <translation>importée de %1 %2 : %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderservice.cpp" line="381"/>
        <source>%n unit(s) sent by %1 before the import (no stock moved here)</source>
        <translation>
            <numerusform>%n unité expédiée par %1 avant l&apos;importation (aucun mouvement de stock ici)</numerusform>
            <numerusform>%n unités expédiées par %1 avant l&apos;importation (aucun mouvement de stock ici)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="388"/>
        <source>on hold: %1</source>
        <translation>suspendue : %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="413"/>
        <source>cancelled</source>
        <translation>annulation</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="419"/>
        <location filename="../src/services/orderservice.cpp" line="546"/>
        <source>The stock of order %1 at %2 is not reserved as recorded; run check.</source>
        <translation>Le stock de la commande %1 à %2 n&apos;est pas réservé comme enregistré ; exécutez check.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="436"/>
        <source>the rest was cancelled; what shipped stays shipped</source>
        <translation>le reste a été annulé ; ce qui a été expédié reste expédié</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="437"/>
        <source>cancelled; reservations released</source>
        <translation>annulée ; réservations libérées</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="468"/>
        <source>A parcel weighs between 0 and 1,000 kg, not %1 g.</source>
        <translation>Un colis pèse entre 0 et 1 000 kg, et non %1 g.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="504"/>
        <location filename="../src/services/orderservice.cpp" line="510"/>
        <location filename="../src/services/orderservice.cpp" line="564"/>
        <source>shipped</source>
        <translation>expédition</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="516"/>
        <source>Order %1 is not paid (%2): goods leave only when it is paid, or when its channel or customer pays later.</source>
        <translation>La commande %1 n&apos;est pas payée (%2) : la marchandise ne part qu&apos;une fois la commande payée, ou si son canal de vente ou son client paie plus tard.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="522"/>
        <source>Order %1 has nothing allocated to ship yet (backordered).</source>
        <translation>La commande %1 n&apos;a encore rien d&apos;alloué à expédier (en attente de stock).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderservice.cpp" line="577"/>
        <source>shipped %n unit(s) from %1</source>
        <translation>
            <numerusform>%n unité expédiée depuis %1</numerusform>
            <numerusform>%n unités expédiées depuis %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../qml/OrdersPage.qml" line="11"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="289"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation>Annuler %1 ?</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="296"/>
        <source>Its reserved stock goes back on sale.</source>
        <comment>@info</comment>
        <translation>Son stock réservé redevient disponible à la vente.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="307"/>
        <source>Put %n order(s) on hold</source>
        <comment>@title:window</comment>
        <translation>
            <numerusform>Suspendre %n commande</numerusform>
            <numerusform>Suspendre %n commandes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="315"/>
        <source>Reason (the stock stays reserved):</source>
        <comment>@label:textbox</comment>
        <translation>Motif (le stock reste réservé) :</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="321"/>
        <source>e.g. address check</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. vérification de l&apos;adresse</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="322"/>
        <source>Hold reason</source>
        <comment>@label</comment>
        <translation>Motif de suspension</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="335"/>
        <source>Refund %1</source>
        <comment>@title:window</comment>
        <translation>Rembourser %1</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="344"/>
        <source>Amount:</source>
        <comment>@label:textbox</comment>
        <translation>Montant :</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="351"/>
        <source>Refund amount</source>
        <comment>@label</comment>
        <translation>Montant du remboursement</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="354"/>
        <source>Note:</source>
        <comment>@label:textbox</comment>
        <translation>Note :</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="360"/>
        <source>Refund note</source>
        <comment>@label</comment>
        <translation>Note de remboursement</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="389"/>
        <source>Search order, customer, e-mail, SKU, tracking (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>Rechercher commande, client, e-mail, SKU, suivi (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="391"/>
        <source>Search orders</source>
        <comment>@label</comment>
        <translation>Rechercher des commandes</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="415"/>
        <source>Any status</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="416"/>
        <source>Backordered</source>
        <comment>@item:inlistbox</comment>
        <translation>En attente de stock</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="417"/>
        <source>Allocated</source>
        <comment>@item:inlistbox</comment>
        <translation>Allouée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="418"/>
        <source>On hold</source>
        <comment>@item:inlistbox</comment>
        <translation>Suspendue</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="419"/>
        <source>Picking</source>
        <comment>@item:inlistbox</comment>
        <translation>En préparation</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="420"/>
        <source>Packed</source>
        <comment>@item:inlistbox</comment>
        <translation>Emballée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="421"/>
        <source>Partly shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>Partiellement expédiée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="422"/>
        <source>Shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>Expédiée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="423"/>
        <source>Delivered</source>
        <comment>@item:inlistbox</comment>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="424"/>
        <source>Cancelled</source>
        <comment>@item:inlistbox</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="427"/>
        <source>Filter by status</source>
        <comment>@label</comment>
        <translation>Filtrer par statut</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="434"/>
        <source>Any payment</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les paiements</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="435"/>
        <source>Pending</source>
        <comment>@item:inlistbox</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="436"/>
        <source>Authorised</source>
        <comment>@item:inlistbox</comment>
        <translation>Autorisée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="437"/>
        <source>Paid</source>
        <comment>@item:inlistbox</comment>
        <translation>Payée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="438"/>
        <source>Partly refunded</source>
        <comment>@item:inlistbox</comment>
        <translation>Partiellement remboursée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="439"/>
        <source>Refunded</source>
        <comment>@item:inlistbox</comment>
        <translation>Remboursée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="440"/>
        <source>Voided</source>
        <comment>@item:inlistbox</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="443"/>
        <source>Filter by payment</source>
        <comment>@label</comment>
        <translation>Filtrer par paiement</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="447"/>
        <source>Any channel</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="449"/>
        <source>Filter by channel</source>
        <comment>@label</comment>
        <translation>Filtrer par canal de vente</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="453"/>
        <source>Any location</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les emplacements</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="455"/>
        <source>Filter by location</source>
        <comment>@label</comment>
        <translation>Filtrer par emplacement</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="462"/>
        <source>Newest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Plus récentes d&apos;abord</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="463"/>
        <source>Oldest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Plus anciennes d&apos;abord</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="464"/>
        <source>Highest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Total le plus élevé</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="465"/>
        <source>Lowest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Total le plus bas</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="466"/>
        <source>Highest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Numéro le plus élevé</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="467"/>
        <source>Lowest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Numéro le plus bas</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="474"/>
        <source>Sort orders</source>
        <comment>@label</comment>
        <translation>Trier les commandes</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="478"/>
        <source>From yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation>Du aaaa-mm-jj</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="481"/>
        <source>Placed from date</source>
        <comment>@label</comment>
        <translation>Passée à partir du</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="485"/>
        <source>To yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation>Au aaaa-mm-jj</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="488"/>
        <source>Placed until date</source>
        <comment>@label</comment>
        <translation>Passée jusqu&apos;au</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="491"/>
        <source>New order…</source>
        <comment>@action:button</comment>
        <translation>Nouvelle commande…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="495"/>
        <source>Enter an order by hand, e.g. taken on the phone (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation>Saisir une commande à la main, p. ex. prise par téléphone (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="496"/>
        <source>New order</source>
        <comment>@action:button</comment>
        <translation>Nouvelle commande</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="499"/>
        <source>Import orders…</source>
        <comment>@action:button</comment>
        <translation>Importer des commandes…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="502"/>
        <source>Import a shop platform&apos;s order export (Ctrl+Shift+I)</source>
        <comment>@info:tooltip</comment>
        <translation>Importer l&apos;export de commandes d&apos;une plateforme de vente (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="503"/>
        <source>Import orders from a file</source>
        <comment>@action:button</comment>
        <translation>Importer des commandes depuis un fichier</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="506"/>
        <source>SKU aliases…</source>
        <comment>@action:button</comment>
        <translation>Alias de SKU…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="509"/>
        <source>Map the imported lines that name none of our products (Ctrl+Shift+M)</source>
        <comment>@info:tooltip</comment>
        <translation>Associer les lignes importées qui ne désignent aucun de nos articles (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="510"/>
        <source>SKU aliases and waiting lines</source>
        <comment>@action:button</comment>
        <translation>Alias de SKU et lignes à associer</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="513"/>
        <source>Export…</source>
        <comment>@action:button</comment>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="516"/>
        <source>Export orders, stock, the ledger or products to a CSV file (Ctrl+Shift+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Exporter les commandes, le stock, le journal des stocks ou les articles vers un fichier CSV (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="517"/>
        <source>Export to a file</source>
        <comment>@action:button</comment>
        <translation>Exporter vers un fichier</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="522"/>
        <source>Pick list…</source>
        <comment>@action:button</comment>
        <translation>Liste de préparation…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="525"/>
        <source>Print the pick list of a location</source>
        <comment>@action:button</comment>
        <translation>Imprimer la liste de préparation d&apos;un emplacement</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="547"/>
        <source>%1 selected · %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Sélection : %1 · %n commande</numerusform>
            <numerusform>Sélection : %1 · %n commandes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="549"/>
        <source>Showing %1 of more than %2 orders</source>
        <comment>@info</comment>
        <translation>Affichage de %1 sur plus de %2 commandes</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="550"/>
        <source>Showing %1 of %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Affichage de %1 sur %n commande</numerusform>
            <numerusform>Affichage de %1 sur %n commandes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="588"/>
        <source>Order</source>
        <comment>@title:column</comment>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="589"/>
        <source>Placed</source>
        <comment>@title:column</comment>
        <translation>Passée le</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="590"/>
        <source>Customer</source>
        <comment>@title:column</comment>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="591"/>
        <source>Channel</source>
        <comment>@title:column</comment>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="592"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="593"/>
        <source>Payment</source>
        <comment>@title:column</comment>
        <translation>Paiement</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="594"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation>Unités</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="595"/>
        <source>Total</source>
        <comment>@title:column</comment>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="644"/>
        <source>Orders</source>
        <comment>@label</comment>
        <translation>Commandes</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../qml/PackDialog.qml" line="23"/>
        <source>Pack %1</source>
        <comment>@title:window</comment>
        <translation>Emballer %1</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="39"/>
        <source>✓ %1</source>
        <comment>@info scanned</comment>
        <translation>✓ %1</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="67"/>
        <source>Scan an item (SKU or barcode) and press Enter</source>
        <comment>@info:placeholder</comment>
        <translation>Scannez un article (SKU ou code-barres) et appuyez sur Enter</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="68"/>
        <source>Scanned barcode</source>
        <comment>@label</comment>
        <translation>Code-barres scanné</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="104"/>
        <source>%1 of %2</source>
        <comment>@info packed of to pack</comment>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="113"/>
        <source>Packed completely: ship it (Ctrl+Shift+S) and print the label.</source>
        <comment>@info</comment>
        <translation>Emballage terminé : expédiez la commande (Ctrl+Shift+S) et imprimez l&apos;étiquette.</translation>
    </message>
</context>
<context>
    <name>PackingSlip</name>
    <message>
        <location filename="../src/io/packingslip.cpp" line="28"/>
        <source>Order %1 has no lines to pack.</source>
        <translation>La commande %1 n&apos;a aucune ligne à emballer.</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="34"/>
        <source>Packing slip %1</source>
        <translation>Bon de livraison %1</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="46"/>
        <source>Packing slip</source>
        <translation>Bon de livraison</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="50"/>
        <source>Ship to</source>
        <translation>Livrer à</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="51"/>
        <source>From</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="53"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="58"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Product</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Ordered</source>
        <translation>Commandé</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>In this parcel</source>
        <translation>Dans ce colis</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>Checked</source>
        <translation>Vérifié</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/packingslip.cpp" line="80"/>
        <source>%n item(s) will follow in another parcel.</source>
        <translation>
            <numerusform>%n article suivra dans un autre colis.</numerusform>
            <numerusform>%n articles suivront dans un autre colis.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickList</name>
    <message numerus="yes">
        <location filename="../src/io/picklist.cpp" line="252"/>
        <source>+%n more</source>
        <comment>@info more order numbers than fit</comment>
        <translation>
            <numerusform>+%n autre</numerusform>
            <numerusform>+%n autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/picklist.cpp" line="258"/>
        <source>%n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n commande</numerusform>
            <numerusform>%n commandes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="338"/>
        <source>Pick list — %1</source>
        <comment>@title</comment>
        <translation>Liste de préparation — %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="346"/>
        <source>Generated %1</source>
        <comment>@info</comment>
        <translation>Générée le %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="347"/>
        <source>Generated %1 by %2</source>
        <comment>@info</comment>
        <translation>Générée le %1 par %2</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="401"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Casier</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="402"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="403"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="404"/>
        <source>Qty</source>
        <comment>@title:column quantity</comment>
        <translation>Qté</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="405"/>
        <source>Orders</source>
        <comment>@title:column</comment>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="424"/>
        <source>No bin</source>
        <comment>@title a group of products without a bin</comment>
        <translation>Sans casier</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="425"/>
        <source>Bin %1</source>
        <comment>@title</comment>
        <translation>Casier %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="427"/>
        <source>%1 (continued)</source>
        <comment>@title a bin group on a new page</comment>
        <translation>%1 (suite)</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="470"/>
        <source>GTIN %1</source>
        <comment>@info</comment>
        <translation>GTIN %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="496"/>
        <source>Lines: %1</source>
        <comment>@info</comment>
        <translation>Lignes : %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="497"/>
        <source>Units: %1</source>
        <comment>@info</comment>
        <translation>Unités : %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="498"/>
        <source>Orders: %1</source>
        <comment>@info</comment>
        <translation>Commandes : %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="507"/>
        <source>Nothing to pick</source>
        <comment>@info</comment>
        <translation>Rien à préparer</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="517"/>
        <source>Page %1 of %2</source>
        <comment>@info</comment>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="608"/>
        <source>SKU %1 in bin %2 has quantity %3; a pick list needs at least 1.</source>
        <translation>Le SKU %1 du casier %2 a la quantité %3 ; une liste de préparation exige au moins 1.</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="616"/>
        <source>Pick list %1</source>
        <translation>Liste de préparation %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="620"/>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="624"/>
        <source>Cannot finish %1.</source>
        <translation>Impossible de finaliser %1.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../qml/PlaceholderPage.qml" line="34"/>
        <source>Not built yet</source>
        <comment>@info placeholder view</comment>
        <translation>Pas encore disponible</translation>
    </message>
</context>
<context>
    <name>PlanningService</name>
    <message>
        <location filename="../src/services/planningservice.cpp" line="399"/>
        <source>%1 from %2 today</source>
        <translation>%1 depuis %2 aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="400"/>
        <source>%1 from %2 on %3</source>
        <translation>%1 depuis %2 le %3</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="503"/>
        <source>Demand forecasting</source>
        <translation>Prévoir la demande</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="505"/>
        <source>A demand history needs a start date before its end date.</source>
        <translation>Un historique de la demande nécessite une date de début antérieure à sa date de fin.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="519"/>
        <location filename="../src/services/planningservice.cpp" line="668"/>
        <source>An ATP horizon is 1 to 366 days, not %1.</source>
        <translation>Un horizon ATP va de 1 à 366 jours, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="535"/>
        <location filename="../src/services/planningservice.cpp" line="675"/>
        <source>That location is not active: it promises nothing.</source>
        <translation>Cet emplacement n&apos;est pas actif : il ne promet rien.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="554"/>
        <source>on hand at %1</source>
        <translation>en stock à %1</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="565"/>
        <source>reserved for open orders at %1</source>
        <translation>réservé pour des commandes ouvertes à %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/planningservice.cpp" line="586"/>
        <source>owed to %n waiting backorder line(s)</source>
        <translation>
            <numerusform>dû à %n ligne en attente de stock</numerusform>
            <numerusform>dû à %n lignes en attente de stock</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="594"/>
        <source>%1 expected at %2</source>
        <translation>%1 attendue à %2</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="595"/>
        <source>%1 from %2 in transit to %3</source>
        <translation>%1 de %2 en transit vers %3</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="598"/>
        <source> (overdue)</source>
        <translation> (en retard)</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="600"/>
        <source> (date estimated)</source>
        <translation> (date estimée)</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="620"/>
        <source>fills the backorder of %1</source>
        <translation>honore la commande en attente %1</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="665"/>
        <source>A promise is for 1 to 1000000 units, not %1.</source>
        <translation>Une promesse porte sur 1 à 1000000 unités, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="743"/>
        <source>%1 can be promised for %2: %3.</source>
        <translation>Promesse possible de %1 pour le %2 : %3.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="748"/>
        <source>Backorders placed earlier (%1 units) are served first.</source>
        <translation>Les commandes en attente passées plus tôt (%1 unités) sont servies en premier.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="753"/>
        <source>%1 cannot be promised within %2 days: only %3 by %4.</source>
        <translation>Promesse de %1 impossible sous %2 jours : seulement %3 d&apos;ici le %4.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="765"/>
        <source>Replenishment planning</source>
        <translation>Planifier le réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="767"/>
        <source>A service level is between 0 and 1 (e.g. 0.95), not %1.</source>
        <translation>Un niveau de service est compris entre 0 et 1 (p. ex. 0.95), et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="772"/>
        <source>A review period is 0 to 365 days, not %1.</source>
        <translation>Une période de révision va de 0 à 365 jours, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="922"/>
        <source>Name the suggestions to accept (their ids, or all).</source>
        <translation>Indiquez les suggestions à accepter (leurs identifiants, ou all).</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="925"/>
        <source>Accepting replenishment suggestions</source>
        <translation>Accepter des suggestions de réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="952"/>
        <source>Unknown supplier &quot;%1&quot;.</source>
        <translation>Fournisseur inconnu « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="992"/>
        <source>No current suggestion has the id %1 (suggestions change with the stock: list them again).</source>
        <translation>Aucune suggestion actuelle n&apos;a l&apos;identifiant %1 (les suggestions évoluent avec le stock : affichez-les de nouveau).</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="998"/>
        <source>No supplier is known for %1: name one with --supplier (it has never been ordered).</source>
        <translation>Aucun fournisseur connu pour %1 : indiquez-en un avec --supplier (cet article n&apos;a jamais été commandé).</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="1016"/>
        <location filename="../src/services/planningservice.cpp" line="1024"/>
        <source>Suggested by replenishment. %1</source>
        <translation>Suggéré par le réapprovisionnement. %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/planningservice.cpp" line="1038"/>
        <source>accepted %n suggestion(s) as drafts %1</source>
        <translation>
            <numerusform>%n suggestion acceptée en brouillon %1</numerusform>
            <numerusform>%n suggestions acceptées en brouillons %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicyChart</name>
    <message>
        <location filename="../qml/PolicyChart.qml" line="107"/>
        <source>Average stock (units)</source>
        <comment>@title:axis</comment>
        <translation>Stock moyen (unités)</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="108"/>
        <source>Average stock value</source>
        <comment>@title:axis</comment>
        <translation>Valeur moyenne du stock</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="117"/>
        <source>Fill rate</source>
        <comment>@title:axis share of units served from stock at once</comment>
        <translation>Taux de service</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="122"/>
        <source>Reorder point (s, S)</source>
        <comment>@label chart series</comment>
        <translation>Point de commande (s, S)</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="133"/>
        <source>Periodic review (R, S)</source>
        <comment>@label chart series</comment>
        <translation>Révision périodique (R, S)</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="144"/>
        <source>Reorder settings now</source>
        <comment>@label chart series</comment>
        <translation>Paramètres de réapprovisionnement actuels</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="155"/>
        <source>Chosen</source>
        <comment>@label chart series: the policy picked to apply</comment>
        <translation>Retenue</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../qml/ProductDialog.qml" line="40"/>
        <source>New product</source>
        <comment>@title:window</comment>
        <translation>Nouvel article</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="40"/>
        <source>Edit %1</source>
        <comment>@title:window</comment>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="78"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="78"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="83"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="98"/>
        <source>SKU:</source>
        <comment>@label:textbox</comment>
        <translation>SKU :</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="106"/>
        <source>e.g. MUG-ENAMEL-BLUE</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. MUG-EMAIL-BLEU</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="107"/>
        <source>SKU</source>
        <comment>@label</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="111"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation>Nom :</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="117"/>
        <source>Product name</source>
        <comment>@label</comment>
        <translation>Nom de l&apos;article</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="123"/>
        <source>GTIN / EAN:</source>
        <comment>@label:textbox</comment>
        <translation>GTIN / EAN :</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="135"/>
        <source>scan or type the barcode (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>scannez ou saisissez le code-barres (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="137"/>
        <source>Barcode</source>
        <comment>@label</comment>
        <translation>Code-barres</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="148"/>
        <source>✓ Valid check digit</source>
        <comment>@info</comment>
        <translation>✓ Chiffre de contrôle valide</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="149"/>
        <source>✗ %1</source>
        <comment>@info invalid barcode</comment>
        <translation>✗ %1</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="155"/>
        <source>Unit cost:</source>
        <comment>@label:textbox</comment>
        <translation>Coût unitaire :</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="162"/>
        <source>what one unit costs us</source>
        <comment>@info:placeholder</comment>
        <translation>ce que nous coûte une unité</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="163"/>
        <source>Unit cost</source>
        <comment>@label</comment>
        <translation>Coût unitaire</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="167"/>
        <source>Price:</source>
        <comment>@label:textbox</comment>
        <translation>Prix :</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="174"/>
        <source>Price</source>
        <comment>@label</comment>
        <translation>Prix</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="178"/>
        <source>Weight (g):</source>
        <comment>@label:textbox</comment>
        <translation>Poids (g) :</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="186"/>
        <source>Weight in grams</source>
        <comment>@label</comment>
        <translation>Poids en grammes</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="196"/>
        <source>Active (can be sold and ordered)</source>
        <comment>@option:check</comment>
        <translation>Actif (peut être vendu et commandé)</translation>
    </message>
</context>
<context>
    <name>ProductImport</name>
    <message>
        <location filename="../src/io/productimport.cpp" line="142"/>
        <source>%1 (on_hand and location may follow)</source>
        <translation>%1 (on_hand et location peuvent suivre)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="147"/>
        <source>Handle,Title,…,Variant SKU,…,Variant Price,… as Shopify exports products (since 2025: URL handle,Title,…,SKU,…,Price,…)</source>
        <translation>Handle,Title,…,Variant SKU,…,Variant Price,… tel que Shopify exporte les articles (depuis 2025 : URL handle,Title,…,SKU,…,Price,…)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="150"/>
        <source>Handle,Title,Option1 Name,Option1 Value,…,SKU,…,Location,…,On hand as Shopify exports inventory</source>
        <translation>Handle,Title,Option1 Name,Option1 Value,…,SKU,…,Location,…,On hand tel que Shopify exporte le stock</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="202"/>
        <source>&quot;%1&quot; is not an amount of money: it is negative</source>
        <translation>« %1 » n&apos;est pas un montant : il est négatif</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="209"/>
        <source>&quot;%1&quot; is not an amount of money: write the cents after a dot and no thousands separators (1234.50)</source>
        <translation>« %1 » n&apos;est pas un montant : écrivez les centimes après un point, sans séparateur de milliers (1234.50)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="213"/>
        <source>&quot;%1&quot; is not an amount of money</source>
        <translation>« %1 » n&apos;est pas un montant</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="220"/>
        <source>&quot;%1&quot; is not an amount of money: at most 2 decimals</source>
        <translation>« %1 » n&apos;est pas un montant : 2 décimales au maximum</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="229"/>
        <source>&quot;%1&quot; is not an amount of money: more than 100000000.00</source>
        <translation>« %1 » n&apos;est pas un montant : supérieur à 100000000.00</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="251"/>
        <source>&quot;%1&quot; is not a weight in grams: a number from 0 to %2</source>
        <translation>« %1 » n&apos;est pas un poids en grammes : un nombre de 0 à %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="253"/>
        <source>&quot;%1&quot; is not a weight in grams: a whole number from 0 to %2</source>
        <translation>« %1 » n&apos;est pas un poids en grammes : un nombre entier de 0 à %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="274"/>
        <source>&quot;%1&quot; is not a number of units</source>
        <translation>« %1 » n&apos;est pas un nombre d&apos;unités</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="277"/>
        <source>&quot;%1&quot; is not a whole number of units</source>
        <translation>« %1 » n&apos;est pas un nombre entier d&apos;unités</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="283"/>
        <source>%1 units on hand cannot be imported: count the stock</source>
        <translation>un stock de %1 unités ne peut pas être importé : faites un inventaire</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="287"/>
        <source>&quot;%1&quot; is more units than can be imported (at most %2)</source>
        <translation>« %1 » dépasse le nombre d&apos;unités importables (%2 au maximum)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="303"/>
        <source>&quot;%1&quot; is not yes or no (write 1, 0, true, false, yes or no)</source>
        <translation>« %1 » n&apos;est ni oui ni non (écrivez 1, 0, true, false, yes ou no)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="316"/>
        <source>&quot;%1&quot; is not a Shopify status (active, draft or archived)</source>
        <translation>« %1 » n&apos;est pas un statut Shopify (active, draft ou archived)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="468"/>
        <source>the file is empty: no products</source>
        <translation>le fichier est vide : aucun article</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="471"/>
        <source>the file is empty: no products after the header line</source>
        <translation>le fichier est vide : aucun article après la ligne d&apos;en-tête</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="487"/>
        <source>… and %1 more problems</source>
        <translation>… et %1 autres problèmes</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="544"/>
        <source>the header fits none of the formats we read; expected one of these headers: %1</source>
        <translation>l&apos;en-tête ne correspond à aucun des formats que nous savons lire ; l&apos;un de ces en-têtes est attendu : %1</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="563"/>
        <source>the header does not fit the %1 format: it lacks %2; expected a header like %3</source>
        <translation>l&apos;en-tête ne correspond pas au format %1 : il manque %2 ; un en-tête du type %3 est attendu</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="592"/>
        <source>unknown column (the columns are %1)</source>
        <translation>colonne inconnue (les colonnes sont %1)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="600"/>
        <source>the same as column %1 (&quot;%2&quot;): keep one of them</source>
        <translation>identique à la colonne %1 (« %2 ») : n&apos;en gardez qu&apos;une</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="612"/>
        <source>a location needs an on_hand column beside it (the units there)</source>
        <translation>une colonne d&apos;emplacement nécessite une colonne on_hand à côté (les unités qui s&apos;y trouvent)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="655"/>
        <source>%1 fields where the header has %2 (a comma in a field that is not quoted?)</source>
        <translation>%1 champs alors que l&apos;en-tête en a %2 (une virgule dans un champ sans guillemets ?)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="703"/>
        <source>&quot;%1&quot; is not a valid GTIN: %2</source>
        <translation>« %1 » n&apos;est pas un GTIN valide : %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="715"/>
        <location filename="../src/io/productimport.cpp" line="811"/>
        <source>SKU %1 is already on line %2</source>
        <translation>le SKU %1 figure déjà à la ligne %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="730"/>
        <source>empty: every product needs a SKU</source>
        <translation>vide : chaque article doit avoir un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="736"/>
        <source>empty: every product needs a name</source>
        <translation>vide : chaque article doit avoir un nom</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="765"/>
        <source>empty: every row needs a handle or a SKU</source>
        <translation>vide : chaque ligne doit avoir un handle ou un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="775"/>
        <source>empty: every row needs a SKU</source>
        <translation>vide : chaque ligne doit avoir un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="785"/>
        <source>empty: every row needs the units on hand (or &quot;Not stocked&quot;)</source>
        <translation>vide : chaque ligne doit indiquer les unités en stock (ou « Not stocked »)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="786"/>
        <source>empty: every row needs the units on hand</source>
        <translation>vide : chaque ligne doit indiquer les unités en stock</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="812"/>
        <source>SKU %1 at %2 is already on line %3</source>
        <translation>le SKU %1 à %2 figure déjà à la ligne %3</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="828"/>
        <source>empty: every row needs a handle</source>
        <translation>vide : chaque ligne doit avoir un handle</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="866"/>
        <source>empty: every product needs a name (the Title on the first row of %1)</source>
        <translation>vide : chaque article doit avoir un nom (le Title de la première ligne de %1)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="924"/>
        <source>cannot be read: %1</source>
        <translation>lecture impossible : %1</translation>
    </message>
</context>
<context>
    <name>ProductPane</name>
    <message>
        <location filename="../qml/ProductPane.qml" line="63"/>
        <source>Stock settings: %1 at %2</source>
        <comment>@title:window</comment>
        <translation>Paramètres de stock : %1 à %2</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="79"/>
        <source>Bin:</source>
        <comment>@label:textbox</comment>
        <translation>Casier :</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="86"/>
        <source>e.g. A-03-2</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. A-03-2</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="87"/>
        <source>Bin</source>
        <comment>@label</comment>
        <translation>Casier</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="91"/>
        <source>Reorder point:</source>
        <comment>@label:spinbox</comment>
        <translation>Point de commande :</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="99"/>
        <source>0: none</source>
        <comment>@info:placeholder</comment>
        <translation>0 : aucun</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="100"/>
        <source>Reorder point</source>
        <comment>@label</comment>
        <translation>Point de commande</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="104"/>
        <source>Reorder quantity:</source>
        <comment>@label:spinbox</comment>
        <translation>Quantité de réapprovisionnement :</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="112"/>
        <source>Reorder quantity</source>
        <comment>@label</comment>
        <translation>Quantité de réapprovisionnement</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="121"/>
        <source>The line turns amber when available + on order + in transit falls below the reorder point.</source>
        <comment>@info</comment>
        <translation>La ligne passe à l&apos;orange lorsque disponible + en commande + en transit descend sous le point de commande.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="144"/>
        <source>Active</source>
        <comment>@label product state</comment>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="144"/>
        <source>Inactive</source>
        <comment>@label product state</comment>
        <translation>Inactif</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="150"/>
        <source>Edit…</source>
        <comment>@action:button</comment>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="154"/>
        <source>Change the product (Ctrl+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Modifier l&apos;article (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="155"/>
        <source>Edit product</source>
        <comment>@action:button</comment>
        <translation>Modifier l&apos;article</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="161"/>
        <source>Close (Esc)</source>
        <comment>@info:tooltip</comment>
        <translation>Fermer (Esc)</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="162"/>
        <source>Close the product</source>
        <comment>@action:button</comment>
        <translation>Fermer l&apos;article</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="167"/>
        <location filename="../qml/ProductPane.qml" line="456"/>
        <source>Loading…</source>
        <comment>@info</comment>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="168"/>
        <source>There is no product %1.</source>
        <comment>@info</comment>
        <translation>L&apos;article %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="178"/>
        <source>GTIN</source>
        <comment>@label</comment>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="182"/>
        <source>Cost</source>
        <comment>@label unit cost</comment>
        <translation>Coût</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="186"/>
        <source>Avg. cost</source>
        <comment>@label moving-average cost</comment>
        <translation>Coût moy.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="190"/>
        <source>Price</source>
        <comment>@label</comment>
        <translation>Prix</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="194"/>
        <source>Weight</source>
        <comment>@label</comment>
        <translation>Poids</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="210"/>
        <source>Stock by location</source>
        <comment>@title</comment>
        <translation>Stock par emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="226"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="233"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Casier</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="234"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="235"/>
        <source>Avail.</source>
        <comment>@title:column available</comment>
        <translation>Disp.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="236"/>
        <source>Coming</source>
        <comment>@title:column on order + in transit</comment>
        <translation>À venir</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="237"/>
        <source>Projected</source>
        <comment>@title:column</comment>
        <translation>Prévisionnel</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="238"/>
        <source>Reorder at</source>
        <comment>@title:column reorder point</comment>
        <translation>Point de cde</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="239"/>
        <source>Qty</source>
        <comment>@title:column reorder quantity</comment>
        <translation>Qté</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="317"/>
        <source>%1 on order, %2 in transit</source>
        <comment>@info:tooltip</comment>
        <translation>%1 en commande, %2 en transit</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="350"/>
        <source>Bin and reorder settings at %1</source>
        <comment>@info:tooltip</comment>
        <translation>Casier et réapprovisionnement à %1</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="351"/>
        <source>Edit the stock settings at %1</source>
        <comment>@action:button</comment>
        <translation>Modifier les paramètres de stock à %1</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="359"/>
        <source>On hand over the last %1 days</source>
        <comment>@title</comment>
        <translation>En stock sur les %1 derniers jours</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="379"/>
        <source>Ledger</source>
        <comment>@title</comment>
        <translation>Journal des stocks</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="385"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les emplacements</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="387"/>
        <source>Ledger of one location</source>
        <comment>@label</comment>
        <translation>Journal des stocks d&apos;un emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="441"/>
        <source>Ledger</source>
        <comment>@label</comment>
        <translation>Journal des stocks</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="456"/>
        <source>No movements.</source>
        <comment>@info</comment>
        <translation>Aucun mouvement.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="463"/>
        <source>Loading older movements…</source>
        <comment>@info</comment>
        <translation>Chargement des mouvements plus anciens…</translation>
    </message>
</context>
<context>
    <name>PurchaseService</name>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="15"/>
        <source>Adding a supplier</source>
        <translation>Ajouter un fournisseur</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="17"/>
        <source>A supplier needs a name.</source>
        <translation>Un fournisseur doit avoir un nom.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="19"/>
        <source>The supplier name</source>
        <translation>Le nom du fournisseur</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="21"/>
        <source>The e-mail address</source>
        <translation>L&apos;adresse e-mail</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="23"/>
        <source>A lead time is 0 to 365 days, not %1.</source>
        <translation>Un délai d&apos;approvisionnement va de 0 à 365 jours, et non %1.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="31"/>
        <source>There is already a supplier &quot;%1&quot;.</source>
        <translation>Un fournisseur « %1 » existe déjà.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="62"/>
        <source>Creating a purchase order</source>
        <translation>Créer une commande fournisseur</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="64"/>
        <source>A purchase order needs at least one line.</source>
        <translation>Une commande fournisseur doit avoir au moins une ligne.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="67"/>
        <source>&quot;%1&quot; is not a date: give the expected date as YYYY-MM-DD.</source>
        <translation>« %1 » n&apos;est pas une date : indiquez la date prévue au format AAAA-MM-JJ.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="71"/>
        <source>Line %1</source>
        <translation>Ligne %1</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="73"/>
        <source>A unit cost cannot be negative (%1).</source>
        <translation>Un coût unitaire ne peut pas être négatif (%1).</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="78"/>
        <source>Unknown supplier &quot;%1&quot;.</source>
        <translation>Fournisseur inconnu « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="90"/>
        <source>%1 is on the purchase order twice: give it once with the whole quantity.</source>
        <translation>%1 figure deux fois sur la commande fournisseur : indiquez-le une seule fois avec la quantité totale.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="112"/>
        <source>There is no purchase order %1.</source>
        <translation>La commande fournisseur %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="145"/>
        <source>Placing a purchase order with the supplier</source>
        <translation>Passer une commande fournisseur auprès du fournisseur</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="146"/>
        <source>ordered</source>
        <translation>passation de commande</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="153"/>
        <source>Closing a purchase order</source>
        <translation>Clôturer une commande fournisseur</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="154"/>
        <source>closed</source>
        <translation>clôture</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="161"/>
        <source>Cancelling a purchase order</source>
        <translation>Annuler une commande fournisseur</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="162"/>
        <source>cancelled</source>
        <translation>annulation</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="170"/>
        <source>Nothing to receive: give at least one SKU and quantity.</source>
        <translation>Rien à réceptionner : indiquez au moins un SKU et une quantité.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="173"/>
        <source>Receiving %1</source>
        <translation>Réception de %1</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="184"/>
        <source>%1 is %2: nothing can be received against it.</source>
        <translation>%1 est à l&apos;état « %2 » : aucune réception possible.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="196"/>
        <source>%1 is not on %2: receive it without a purchase order, or add it to a new one.</source>
        <translation>%1 ne figure pas sur %2 : réceptionnez-le sans commande fournisseur ou ajoutez-le à une nouvelle commande.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="225"/>
        <source>received</source>
        <translation>réception</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="34"/>
        <source>✗ %1 is not on %2: set it aside.</source>
        <comment>@info barcode, purchase order</comment>
        <translation>✗ %1 ne figure pas sur %2 : mettez-le de côté.</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="65"/>
        <source>Receive %1 from %2</source>
        <comment>@title:window purchase order, supplier</comment>
        <translation>Réceptionner %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="114"/>
        <source>Scan a barcode or type a SKU: each Enter adds 1</source>
        <comment>@info:placeholder</comment>
        <translation>Scannez un code-barres ou saisissez un SKU : chaque Enter ajoute 1</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="115"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation>Scan ou SKU</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="122"/>
        <source>Everything outstanding</source>
        <comment>@action:button fill in every outstanding quantity</comment>
        <translation>Tout le reste</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="124"/>
        <source>Fill in every outstanding quantity</source>
        <comment>@action:button</comment>
        <translation>Saisir toutes les quantités restant à recevoir</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="162"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="167"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="172"/>
        <source>Received / ordered</source>
        <comment>@title:column</comment>
        <translation>Reçu / commandé</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="178"/>
        <source>Outstanding</source>
        <comment>@title:column</comment>
        <translation>À recevoir</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="184"/>
        <source>Arrived now</source>
        <comment>@title:column</comment>
        <translation>Arrivé</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="253"/>
        <source>Units of %1 arrived now</source>
        <comment>@label</comment>
        <translation>Unités de %1 arrivées maintenant</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="263"/>
        <source>+%1 over</source>
        <comment>@info</comment>
        <translation>+%1 en trop</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="274"/>
        <source>Note, e.g. the delivery note number (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Note, p. ex. le numéro du bon de livraison (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="275"/>
        <source>Receipt note</source>
        <comment>@label</comment>
        <translation>Note de réception</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="281"/>
        <source>Receiving…</source>
        <comment>@action:button busy</comment>
        <translation>Réception…</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceiveDialog.qml" line="282"/>
        <source>Receive %n unit(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Réceptionner %n unité</numerusform>
            <numerusform>Réceptionner %n unités</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="291"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ReceivingPage</name>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="13"/>
        <source>Receiving</source>
        <comment>@title:tab</comment>
        <translation>Réception</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="117"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation>Annuler %1 ?</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="118"/>
        <source>Nothing of it has come in; its units no longer count as on order.</source>
        <comment>@info</comment>
        <translation>Rien n&apos;en a été reçu ; ses unités ne comptent plus comme en commande.</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="125"/>
        <source>Close %1 short?</source>
        <comment>@title:window</comment>
        <translation>Clôturer %1 avec reliquat ?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceivingPage.qml" line="126"/>
        <source>Nothing more will come: %n outstanding unit(s) stop counting as on order. The shortfall stays visible on the purchase order.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Plus rien ne viendra : %n unité restante ne compte plus comme en commande. Le manquant reste visible sur la commande fournisseur.</numerusform>
            <numerusform>Plus rien ne viendra : %n unités restantes ne comptent plus comme en commande. Le manquant reste visible sur la commande fournisseur.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="152"/>
        <source>Show purchase orders by status (Ctrl+F)</source>
        <comment>@label</comment>
        <translation>Afficher les commandes fournisseur par statut (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="155"/>
        <source>New purchase order…</source>
        <comment>@action:button</comment>
        <translation>Nouvelle commande fournisseur…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="160"/>
        <source>New purchase order</source>
        <comment>@action:button</comment>
        <translation>Nouvelle commande fournisseur</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceivingPage.qml" line="165"/>
        <source>%n purchase order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n commande fournisseur</numerusform>
            <numerusform>%n commandes fournisseur</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="181"/>
        <source>PO</source>
        <comment>@title:column purchase order number</comment>
        <translation>PO</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="181"/>
        <source>Supplier</source>
        <comment>@title:column</comment>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="182"/>
        <source>To</source>
        <comment>@title:column receiving location</comment>
        <translation>Vers</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="182"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="183"/>
        <source>Expected</source>
        <comment>@title:column</comment>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="183"/>
        <source>Received</source>
        <comment>@title:column received / ordered units</comment>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="184"/>
        <source>Over/short</source>
        <comment>@title:column</comment>
        <translation>En trop/manquant</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="186"/>
        <source>No purchase orders here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation>Aucune commande fournisseur ici. Ctrl+N en crée une.</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="200"/>
        <source>No purchase order selected</source>
        <comment>@info</comment>
        <translation>Aucune commande fournisseur sélectionnée</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="218"/>
        <source>Overdue</source>
        <comment>@info expected date passed</comment>
        <translation>En retard</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="226"/>
        <source>%1 → %2 · expected %3</source>
        <comment>@info supplier → location · expected date</comment>
        <translation>%1 → %2 · prévue le %3</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="228"/>
        <source>no date</source>
        <comment>@info</comment>
        <translation>sans date</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="234"/>
        <source>created by %1, %2</source>
        <comment>@info</comment>
        <translation>création : %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="235"/>
        <source>ordered %1</source>
        <comment>@info</comment>
        <translation>commandée le %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="236"/>
        <source>closed %1</source>
        <comment>@info</comment>
        <translation>clôturée le %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="245"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation>Note : %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="260"/>
        <source>Order</source>
        <comment>@action:button send the purchase order</comment>
        <translation>Commander</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="266"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation>Réceptionner…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="273"/>
        <source>Close short…</source>
        <comment>@action:button</comment>
        <translation>Clôturer avec reliquat…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="279"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation>Annuler…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="294"/>
        <source>Ordered %1 (%2)</source>
        <comment>@info units (value)</comment>
        <translation>Commandé : %1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="295"/>
        <source>received %1</source>
        <comment>@info units</comment>
        <translation>reçu : %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="297"/>
        <source>%1 short</source>
        <comment>@info units that never came</comment>
        <translation>manquant : %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="297"/>
        <source>%1 to come</source>
        <comment>@info units</comment>
        <translation>à venir : %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="299"/>
        <source>%1 over</source>
        <comment>@info units</comment>
        <translation>en trop : %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="310"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="311"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="312"/>
        <source>Ordered</source>
        <comment>@title:column</comment>
        <translation>Commandé</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="313"/>
        <source>Received</source>
        <comment>@title:column</comment>
        <translation>Reçu</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="314"/>
        <source>Short</source>
        <comment>@title:column units that never came</comment>
        <translation>Manquant</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="315"/>
        <source>To come</source>
        <comment>@title:column outstanding units</comment>
        <translation>À venir</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="317"/>
        <source>Over</source>
        <comment>@title:column units beyond the order</comment>
        <translation>En trop</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="327"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation>Dernière modification par %1, %2</translation>
    </message>
</context>
<context>
    <name>Replenishment</name>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="216"/>
        <source>lead time %1 d, %2 % service</source>
        <translation>délai d&apos;appro. %1 j, niveau de service %2 %</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="219"/>
        <source>projected %1 above order-up-to %2 (%3): transfer %4 to %5, no order</source>
        <translation>prévisionnel %1 au-dessus du niveau cible %2 (%3) : transférer %4 vers %5, pas de commande</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="225"/>
        <source>projected %1 at or above reorder point %2 (%3): no order</source>
        <translation>prévisionnel %1 au niveau du point de commande %2 ou au-dessus (%3) : pas de commande</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="232"/>
        <source>transfer %1 from %2 to reach %3, no order</source>
        <translation>transférer %1 depuis %2 pour atteindre %3, pas de commande</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="236"/>
        <source>transfer %1 from %2, order %3 to reach %4</source>
        <translation>transférer %1 depuis %2, commander %3 pour atteindre %4</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="240"/>
        <source>order %1 to reach %2</source>
        <translation>commander %1 pour atteindre %2</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="247"/>
        <source> (minimum order %1)</source>
        <translation> (minimum de commande %1)</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="249"/>
        <source> (packs of %1)</source>
        <translation> (par lots de %1)</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="253"/>
        <source>projected %1 below reorder point %2 (%3): %4</source>
        <translation>prévisionnel %1 sous le point de commande %2 (%3) : %4</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="422"/>
        <source>%1 projected %2 below reorder point %3; %4 projected %5 above order-up-to %6: move %7</source>
        <translation>%1 : prévisionnel %2 sous le point de commande %3 ; %4 : prévisionnel %5 au-dessus du niveau cible %6 : transférer %7</translation>
    </message>
</context>
<context>
    <name>ReplenishmentDialog</name>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="20"/>
        <source>%1 %</source>
        <comment>@item:inlistbox service level in percent</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="33"/>
        <source>Replenish</source>
        <comment>@title:window</comment>
        <translation>Réapprovisionner</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="65"/>
        <source>Location:</source>
        <comment>@label:listbox</comment>
        <translation>Emplacement :</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="71"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les emplacements</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="77"/>
        <source>Location</source>
        <comment>@label</comment>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="80"/>
        <source>Service level:</source>
        <comment>@label:listbox</comment>
        <translation>Niveau de service :</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="89"/>
        <source>Service level</source>
        <comment>@label</comment>
        <translation>Niveau de service</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="91"/>
        <source>Chance of not running out before the next delivery</source>
        <comment>@info:tooltip</comment>
        <translation>Probabilité de ne pas tomber en rupture de stock avant la prochaine livraison</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="94"/>
        <source>Review every:</source>
        <comment>@label:spinbox</comment>
        <translation>Révision tous les :</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReplenishmentDialog.qml" line="104"/>
        <source>%n day(s)</source>
        <comment>@item:valuesuffix</comment>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="107"/>
        <source>Review period in days</source>
        <comment>@label</comment>
        <translation>Période de révision en jours</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="109"/>
        <source>How often replenishment orders are placed (0: whenever needed)</source>
        <comment>@info:tooltip</comment>
        <translation>Fréquence de passation des commandes de réapprovisionnement (0 : dès que nécessaire)</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="112"/>
        <source>Recalculate</source>
        <comment>@action:button</comment>
        <translation>Recalculer</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="129"/>
        <source>Planning…</source>
        <comment>@info:status</comment>
        <translation>Planification…</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="137"/>
        <source>Stock, orders or documents changed since these suggestions were computed: Recalculate (F5).</source>
        <comment>@info</comment>
        <translation>Le stock, les commandes ou les documents ont changé depuis le calcul de ces suggestions : recalculez (F5).</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="159"/>
        <source>Suggestions</source>
        <comment>@label</comment>
        <translation>Suggestions</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="188"/>
        <source>%1 %2 at %3: %4</source>
        <comment>@info sku, qty, location, reason</comment>
        <translation>%1 %2 à %3 : %4</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="223"/>
        <source>Include %1</source>
        <comment>@action:check sku</comment>
        <translation>Inclure %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="244"/>
        <source>move %1</source>
        <comment>@info units to transfer</comment>
        <translation>transférer %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="245"/>
        <source>buy %1</source>
        <comment>@info units to purchase</comment>
        <translation>acheter %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="256"/>
        <source>✓ in a draft</source>
        <comment>@info suggestion created as a draft</comment>
        <translation>✓ dans un brouillon</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="257"/>
        <source>no supplier</source>
        <comment>@info</comment>
        <translation>aucun fournisseur</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="289"/>
        <source>Nothing to replenish: every location is covered at this service level.</source>
        <comment>@info</comment>
        <translation>Rien à réapprovisionner : chaque emplacement est couvert à ce niveau de service.</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="302"/>
        <source>Order the products without a supplier from:</source>
        <comment>@label:listbox</comment>
        <translation>Commander les articles sans fournisseur auprès de :</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="309"/>
        <source>Supplier for products never ordered</source>
        <comment>@label</comment>
        <translation>Fournisseur des articles jamais commandés</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="326"/>
        <source>Drafts created (check them, then order or request them): %1</source>
        <comment>@info a list of links</comment>
        <translation>Brouillons créés (vérifiez-les, puis commandez-les ou demandez-les) : %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="346"/>
        <source>Can we promise:</source>
        <comment>@label</comment>
        <translation>Pouvons-nous promettre :</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="352"/>
        <source>SKU</source>
        <comment>@info:placeholder</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="353"/>
        <source>SKU to promise</source>
        <comment>@label</comment>
        <translation>SKU à promettre</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="363"/>
        <source>Quantity to promise</source>
        <comment>@label</comment>
        <translation>Quantité à promettre</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="378"/>
        <source>Select none</source>
        <comment>@action:button</comment>
        <translation>Tout désélectionner</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="378"/>
        <source>Select all</source>
        <comment>@action:button</comment>
        <translation>Tout sélectionner</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="383"/>
        <source>Tick or clear every suggestion (Ctrl+A in the list; Space ticks one)</source>
        <comment>@info:tooltip</comment>
        <translation>Cocher ou décocher toutes les suggestions (Ctrl+A dans la liste ; Espace en coche une)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReplenishmentDialog.qml" line="386"/>
        <source>Create %n draft line(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Créer %n ligne de brouillon</numerusform>
            <numerusform>Créer %n lignes de brouillon</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="387"/>
        <source>Create drafts</source>
        <comment>@action:button</comment>
        <translation>Créer les brouillons</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="396"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="25"/>
        <source>Return from %1</source>
        <comment>@title:window</comment>
        <translation>Retour de %1</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="26"/>
        <source>Receive return %1</source>
        <comment>@title:window</comment>
        <translation>Réceptionner le retour %1</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="88"/>
        <source>of %1 shipped</source>
        <comment>@label</comment>
        <translation>sur %1 expédiés</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="97"/>
        <source>Units of %1 coming back</source>
        <comment>@label</comment>
        <translation>Unités de %1 retournées</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="106"/>
        <source>Reason (e.g. wrong size)</source>
        <comment>@info:placeholder</comment>
        <translation>Motif (p. ex. mauvaise taille)</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="107"/>
        <source>Return reason</source>
        <comment>@label</comment>
        <translation>Motif du retour</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="127"/>
        <source>%1 × %2</source>
        <comment>@label qty × sku</comment>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="134"/>
        <source>Restock</source>
        <comment>@label</comment>
        <translation>Remettre en stock</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="143"/>
        <source>Units of %1 to restock</source>
        <comment>@label</comment>
        <translation>Unités de %1 à remettre en stock</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="150"/>
        <source>Restock at</source>
        <comment>@label</comment>
        <translation>Remettre en stock à</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="153"/>
        <source>Write off</source>
        <comment>@label</comment>
        <translation>Passer en perte</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="161"/>
        <source>Units of %1 to write off</source>
        <comment>@label</comment>
        <translation>Unités de %1 à passer en perte</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="170"/>
        <source>damaged</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation>endommagé</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="171"/>
        <source>expired</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation>périmé</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="172"/>
        <source>lost</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation>perdu</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="174"/>
        <source>Write-off reason</source>
        <comment>@label</comment>
        <translation>Motif du passage en perte</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="181"/>
        <source>Nothing shipped can come back any more.</source>
        <comment>@info</comment>
        <translation>Plus rien de ce qui a été expédié ne peut être retourné.</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="182"/>
        <source>Everything of this return is received.</source>
        <comment>@info</comment>
        <translation>Ce retour a été entièrement réceptionné.</translation>
    </message>
</context>
<context>
    <name>ReturnService</name>
    <message>
        <location filename="../src/services/returnservice.cpp" line="18"/>
        <source>&quot;%1&quot; is not a return number (RMA-000012).</source>
        <translation>« %1 » n&apos;est pas un numéro de retour (RMA-000012).</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="22"/>
        <source>There is no return %1.</source>
        <translation>Le retour %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="44"/>
        <source>Return %1 is %2: it cannot be %3.</source>
        <translation>Le retour %1 est à l&apos;état « %2 » : %3 impossible.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="59"/>
        <source>A return needs at least one line (SKU and quantity).</source>
        <translation>Un retour doit avoir au moins une ligne (SKU et quantité).</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="63"/>
        <location filename="../src/services/returnservice.cpp" line="139"/>
        <source>The quantity of %1 must be at least 1.</source>
        <translation>La quantité de %1 doit être d&apos;au moins 1.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="98"/>
        <source>%1 is not in order %2.</source>
        <translation>%1 ne figure pas dans la commande %2.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="102"/>
        <source>Only %1 × %2 of order %3 shipped and %4 are returned already: %5 more cannot come back.</source>
        <translation>Seuls %1 × %2 de la commande %3 ont été expédiés et %4 sont déjà retournés : %5 de plus ne peuvent pas être retournés.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="114"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation>La commande %1 a été modifiée entre-temps.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="122"/>
        <source>return %1 requested: %2</source>
        <translation>retour %1 demandé : %2</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="135"/>
        <source>Say what happens to the returned units: restock or write off.</source>
        <translation>Indiquez ce que deviennent les unités retournées : remise en stock ou passage en perte.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="142"/>
        <source>Restocking %1 needs a location.</source>
        <translation>La remise en stock de %1 nécessite un emplacement.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="145"/>
        <source>Writing off %1 needs a reason: %2, not &quot;%3&quot;.</source>
        <translation>Le passage en perte de %1 nécessite un motif : %2, et non « %3 ».</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="159"/>
        <source>Writing off returned units</source>
        <translation>Passer en perte des unités retournées</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="170"/>
        <source>returned units written off</source>
        <translation>unités retournées passées en perte</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="172"/>
        <location filename="../src/services/returnservice.cpp" line="227"/>
        <location filename="../src/services/returnservice.cpp" line="252"/>
        <source>received</source>
        <translation>réception</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="188"/>
        <source>Return %1 expects no more %2.</source>
        <translation>Le retour %1 n&apos;attend plus de %2.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="191"/>
        <source>Return %1 expects %2 × %3, not %4.</source>
        <translation>Le retour %1 attend %2 × %3, et non %4.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="207"/>
        <source>%1 never shipped; say where it is written off.</source>
        <translation>%1 n&apos;a jamais été expédié ; indiquez à quel emplacement il est passé en perte.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="222"/>
        <source>%1 × %2 restocked at %3</source>
        <translation>%1 × %2 remis en stock à %3</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="231"/>
        <source>The written-off units of %1 could not be booked out.</source>
        <translation>Les unités de %1 passées en perte n&apos;ont pas pu être sorties du stock.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="240"/>
        <source>%1 × %2 written off (%3)</source>
        <translation>%1 × %2 passés en perte (%3)</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="257"/>
        <source>return %1 received: %2</source>
        <translation>retour %1 réceptionné : %2</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="273"/>
        <source>refunded</source>
        <translation>remboursé</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="288"/>
        <source>A refund must be more than 0.00.</source>
        <translation>Un remboursement doit être supérieur à 0,00.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="293"/>
        <source>%1 was paid %2 and refunded %3 already: %4 more cannot be refunded.</source>
        <translation>La commande %1 a été payée %2 et déjà remboursée de %3 : impossible de rembourser %4 de plus.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="302"/>
        <source>The payment of %1 is %2: nothing can be refunded.</source>
        <translation>Le paiement de %1 est à l&apos;état « %2 » : aucun remboursement possible.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="309"/>
        <source>refunded %1 for return %2</source>
        <translation>remboursement de %1 pour le retour %2</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="324"/>
        <source>cancelled</source>
        <translation>annulation</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="331"/>
        <source>The returned count of %1 does not match return %2; run check.</source>
        <translation>La quantité retournée de %1 ne correspond pas au retour %2 ; exécutez check.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="337"/>
        <source>return %1 cancelled</source>
        <translation>retour %1 annulé</translation>
    </message>
</context>
<context>
    <name>RoutingPolicy</name>
    <message>
        <location filename="../src/domain/routing.cpp" line="100"/>
        <source>%1 lacked %2</source>
        <translation>%1 : manque %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="238"/>
        <source>Shipped from %1: only location with all %n line(s)</source>
        <translation>
            <numerusform>Expédiée depuis %1 : seul emplacement disposant de %n ligne</numerusform>
            <numerusform>Expédiée depuis %1 : seul emplacement disposant des %n lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="250"/>
        <source>Shipped from %1: all %n line(s) in stock, nearest to the customer&apos;s postcode</source>
        <translation>
            <numerusform>Expédiée depuis %1 : %n ligne en stock, emplacement le plus proche du code postal du client</numerusform>
            <numerusform>Expédiée depuis %1 : les %n lignes en stock, emplacement le plus proche du code postal du client</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="255"/>
        <source>Shipped from %1: all %n line(s) in stock, same region as the customer</source>
        <translation>
            <numerusform>Expédiée depuis %1 : %n ligne en stock, même région que le client</numerusform>
            <numerusform>Expédiée depuis %1 : les %n lignes en stock, même région que le client</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="258"/>
        <source>Shipped from %1: all %n line(s) in stock, first by priority</source>
        <translation>
            <numerusform>Expédiée depuis %1 : %n ligne en stock, premier emplacement par priorité</numerusform>
            <numerusform>Expédiée depuis %1 : les %n lignes en stock, premier emplacement par priorité</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="262"/>
        <source>also complete: %1</source>
        <translation>également complets : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="291"/>
        <location filename="../src/domain/routing.cpp" line="315"/>
        <source>Split over %1: no single location had all %n line(s)</source>
        <translation>
            <numerusform>Répartie sur %1 : aucun emplacement n&apos;avait à lui seul %n ligne</numerusform>
            <numerusform>Répartie sur %1 : aucun emplacement n&apos;avait à lui seul les %n lignes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="318"/>
        <source>Backordered %1: no location has stock</source>
        <translation>%1 en attente de stock : aucun emplacement n&apos;a de stock</translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="321"/>
        <source>Backordered %1: not enough stock anywhere; the rest from %2</source>
        <translation>%1 en attente de stock : stock insuffisant partout ; le reste depuis %2</translation>
    </message>
</context>
<context>
    <name>SeriesFile</name>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="255"/>
        <source>cannot be opened: %1</source>
        <translation>ouverture impossible : %1</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="293"/>
        <source>is empty; expected the header series_id,period,value</source>
        <translation>est vide ; en-tête attendu : series_id,period,value</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="297"/>
        <source>the header has an unbalanced quote</source>
        <translation>l&apos;en-tête contient un guillemet non fermé</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="316"/>
        <source>the header must name the columns series_id, period and value</source>
        <translation>l&apos;en-tête doit nommer les colonnes series_id, period et value</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="332"/>
        <source>unbalanced quote</source>
        <translation>guillemet non fermé</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/seriesfile.cpp" line="337"/>
        <source>%n field(s), the header has more</source>
        <translation>
            <numerusform>%n champ, l&apos;en-tête en a davantage</numerusform>
            <numerusform>%n champs, l&apos;en-tête en a davantage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="344"/>
        <source>is empty</source>
        <translation>est vide</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="354"/>
        <source>&quot;%1&quot; is neither a whole number nor a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn)</source>
        <translation>« %1 » n&apos;est ni un nombre entier ni une date (AAAA-MM-JJ, AAAA-MM ou AAAA-Qn)</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="363"/>
        <source>&quot;%1&quot; is written differently from the period on line %2</source>
        <translation>« %1 » est écrit différemment de la période de la ligne %2</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="376"/>
        <source>&quot;%1&quot; is not a number</source>
        <translation>« %1 » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="393"/>
        <source>is not UTF-8 text</source>
        <translation>n&apos;est pas du texte UTF-8</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="406"/>
        <source>has a header but no rows</source>
        <translation>a un en-tête mais aucune ligne</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/seriesfile.cpp" line="441"/>
        <source>dates %n day(s) apart are neither daily, weekly, monthly, quarterly nor yearly</source>
        <translation>
            <numerusform>des dates espacées de %n jour ne sont ni quotidiennes, ni hebdomadaires, ni mensuelles, ni trimestrielles, ni annuelles</numerusform>
            <numerusform>des dates espacées de %n jours ne sont ni quotidiennes, ni hebdomadaires, ni mensuelles, ni trimestrielles, ni annuelles</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="485"/>
        <source>series %1 would span %2 periods; its periods are too far apart</source>
        <translation>la série %1 couvrirait %2 périodes ; ses périodes sont trop éloignées les unes des autres</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="498"/>
        <source>is not a whole number of weeks after the first period of series %1</source>
        <translation>ne tombe pas un nombre entier de semaines après la première période de la série %1</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="505"/>
        <source>series %1 has this period already on line %2</source>
        <translation>la série %1 a déjà cette période à la ligne %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="19"/>
        <source>Settings</source>
        <comment>@title:window</comment>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="30"/>
        <source>Language:</source>
        <comment>@label:listbox</comment>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="45"/>
        <source>Language of the interface</source>
        <comment>@label</comment>
        <translation>Langue de l&apos;interface</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="49"/>
        <source>Text size:</source>
        <comment>@label:listbox</comment>
        <translation>Taille du texte :</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="59"/>
        <source>Normal (100 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation>Normale (100 %)</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="60"/>
        <source>Large (125 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation>Grande (125 %)</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="61"/>
        <source>Larger (150 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation>Plus grande (150 %)</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="62"/>
        <source>Largest (200 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation>Très grande (200 %)</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="66"/>
        <source>Text size</source>
        <comment>@label</comment>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="71"/>
        <source>Formats:</source>
        <comment>@label</comment>
        <translation>Formats :</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="79"/>
        <source>%1 · %2 · %3</source>
        <comment>@info number · money · date</comment>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="90"/>
        <source>The language also sets how numbers, money and dates are written. Both settings apply at once and are kept on this desktop; start with --lang to use another language once.</source>
        <comment>@info</comment>
        <translation>La langue détermine aussi l&apos;écriture des nombres, des montants et des dates. Les deux paramètres s&apos;appliquent immédiatement et sont conservés sur ce poste ; lancez l&apos;application avec --lang pour utiliser ponctuellement une autre langue.</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <location filename="../qml/ShipDialog.qml" line="22"/>
        <source>Ship %1</source>
        <comment>@title:window</comment>
        <translation>Expédier %1</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="27"/>
        <source>Ship</source>
        <comment>@action:button</comment>
        <translation>Expédier</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="47"/>
        <source>⚠ %1 on another desktop: make sure nobody else is packing it.</source>
        <comment>@info</comment>
        <translation>⚠ %1 sur un autre poste : assurez-vous que personne d&apos;autre n&apos;est en train de l&apos;emballer.</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="53"/>
        <source>Carrier:</source>
        <comment>@label:listbox</comment>
        <translation>Transporteur :</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="61"/>
        <source>Carrier</source>
        <comment>@label</comment>
        <translation>Transporteur</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="64"/>
        <source>Service:</source>
        <comment>@label:textbox</comment>
        <translation>Service :</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="70"/>
        <source>e.g. Tracked 48</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. Tracked 48</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="71"/>
        <source>Service</source>
        <comment>@label</comment>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="74"/>
        <source>Weight (kg):</source>
        <comment>@label:textbox</comment>
        <translation>Poids (kg) :</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="81"/>
        <source>Weight in kilograms</source>
        <comment>@label</comment>
        <translation>Poids en kilogrammes</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="84"/>
        <source>Tracking:</source>
        <comment>@label:textbox</comment>
        <translation>Suivi :</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="91"/>
        <source>scan or type the tracking number</source>
        <comment>@info:placeholder</comment>
        <translation>scannez ou saisissez le numéro de suivi</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="92"/>
        <source>Tracking number</source>
        <comment>@label</comment>
        <translation>Numéro de suivi</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="104"/>
        <source>Open the shipping label to print</source>
        <comment>@option:check</comment>
        <translation>Ouvrir l&apos;étiquette d&apos;expédition pour l&apos;imprimer</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="112"/>
        <source>✓ Valid %1 number</source>
        <comment>@info</comment>
        <translation>✓ Numéro %1 valide</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="113"/>
        <source>✗ Invalid: %1</source>
        <comment>@info</comment>
        <translation>✗ Non valide : %1</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="114"/>
        <source>? %1</source>
        <comment>@info</comment>
        <translation>? %1</translation>
    </message>
</context>
<context>
    <name>ShippingLabel</name>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="44"/>
        <source>A Code 128 barcode takes 1 to 80 Latin-1 characters, not &quot;%1&quot;.</source>
        <translation>Un code-barres Code 128 contient de 1 à 80 caractères Latin-1, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="48"/>
        <source>The barcode library could not start.</source>
        <translation>La bibliothèque de codes-barres n&apos;a pas pu démarrer.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="56"/>
        <source>Cannot encode &quot;%1&quot; as Code 128: %2</source>
        <translation>Impossible d&apos;encoder « %1 » en Code 128 : %2</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="59"/>
        <source>The barcode library could not draw &quot;%1&quot;.</source>
        <translation>La bibliothèque de codes-barres n&apos;a pas pu dessiner « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="114"/>
        <source>There are no labels to print.</source>
        <translation>Il n&apos;y a aucune étiquette à imprimer.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="118"/>
        <source>Order %1 has no tracking number to print.</source>
        <translation>La commande %1 n&apos;a pas de numéro de suivi à imprimer.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="126"/>
        <source>Shipping label %1</source>
        <translation>Étiquette d&apos;expédition %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/shippinglabel.cpp" line="127"/>
        <source>%n shipping label(s)</source>
        <translation>
            <numerusform>%n étiquette d&apos;expédition</numerusform>
            <numerusform>%n étiquettes d&apos;expédition</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="131"/>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="144"/>
        <source>Cannot finish %1.</source>
        <translation>Impossible de finaliser %1.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="175"/>
        <location filename="../src/io/zpllabel.cpp" line="165"/>
        <source>FROM</source>
        <comment>@label on a shipping label</comment>
        <translation>EXPÉDITEUR</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="182"/>
        <location filename="../src/io/zpllabel.cpp" line="178"/>
        <source>SHIP TO</source>
        <comment>@label on a shipping label</comment>
        <translation>DESTINATAIRE</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="193"/>
        <location filename="../src/io/zpllabel.cpp" line="195"/>
        <source>Weight: %1 kg</source>
        <translation>Poids : %1 kg</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="194"/>
        <location filename="../src/io/zpllabel.cpp" line="196"/>
        <source>Order: %1</source>
        <translation>Commande : %1</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="195"/>
        <location filename="../src/io/zpllabel.cpp" line="197"/>
        <source>Date: %1</source>
        <translation>Date : %1</translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <location filename="../qml/SignInWindow.qml" line="23"/>
        <source>Stockroom — first start</source>
        <comment>@title:window</comment>
        <translation>Stockroom — premier démarrage</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="23"/>
        <source>Stockroom — sign in</source>
        <comment>@title:window</comment>
        <translation>Stockroom — connexion</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="61"/>
        <source>Welcome to Stockroom</source>
        <comment>@title</comment>
        <translation>Bienvenue dans Stockroom</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="61"/>
        <source>Sign in</source>
        <comment>@title</comment>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="70"/>
        <source>This database has no users yet. Create its administrator: they can add clerks and managers later (Users… in the toolbar).</source>
        <comment>@info</comment>
        <translation>Cette base de données n&apos;a encore aucun utilisateur. Créez son administrateur : il pourra ajouter des employés et des responsables plus tard (Utilisateurs… dans la barre d&apos;outils).</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="71"/>
        <source>Database: %1</source>
        <comment>@info</comment>
        <translation>Base de données : %1</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="86"/>
        <location filename="../qml/SignInWindow.qml" line="96"/>
        <source>User name</source>
        <comment>@label:textbox</comment>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="102"/>
        <location filename="../qml/SignInWindow.qml" line="112"/>
        <source>Full name</source>
        <comment>@label:textbox</comment>
        <translation>Nom complet</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="115"/>
        <location filename="../qml/SignInWindow.qml" line="125"/>
        <source>Password</source>
        <comment>@label:textbox</comment>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="124"/>
        <source>at least 8 characters</source>
        <comment>@info:placeholder</comment>
        <translation>au moins 8 caractères</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="132"/>
        <location filename="../qml/SignInWindow.qml" line="142"/>
        <source>Repeat password</source>
        <comment>@label:textbox</comment>
        <translation>Confirmer le mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="152"/>
        <source>Stay signed in on this desktop (30 days)</source>
        <comment>@option:check</comment>
        <translation>Rester connecté sur ce poste (30 jours)</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="179"/>
        <source>Create and sign in</source>
        <comment>@action:button</comment>
        <translation>Créer et se connecter</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="179"/>
        <source>Sign in</source>
        <comment>@action:button</comment>
        <translation>Se connecter</translation>
    </message>
</context>
<context>
    <name>SkuAliasesDialog</name>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="40"/>
        <source>SKU aliases: waiting lines of %1</source>
        <comment>@title:window</comment>
        <translation>Alias de SKU : lignes à associer de %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="41"/>
        <source>SKU aliases</source>
        <comment>@title:window</comment>
        <translation>Alias de SKU</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="58"/>
        <source>Drop line %1 of %2?</source>
        <comment>@title:window</comment>
        <translation>Écarter la ligne %1 de %2 ?</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="68"/>
        <source>Remove the alias “%1”?</source>
        <comment>@title:window</comment>
        <translation>Supprimer l&apos;alias « %1 » ?</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="69"/>
        <source>Lines already mapped stay as they are; the next import that names “%1” puts its order on hold again.</source>
        <comment>@info</comment>
        <translation>Les lignes déjà associées restent inchangées ; la prochaine importation qui mentionne « %1 » suspendra de nouveau sa commande.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="78"/>
        <location filename="../qml/SkuAliasesDialog.qml" line="438"/>
        <source>Remove…</source>
        <comment>@action:button</comment>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="83"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="96"/>
        <source>SKU aliases</source>
        <comment>@label</comment>
        <translation>Alias de SKU</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="99"/>
        <source>Waiting lines (%1)</source>
        <comment>@title:tab</comment>
        <translation>Lignes à associer (%1)</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="103"/>
        <source>Aliases (%1)</source>
        <comment>@title:tab</comment>
        <translation>Alias (%1)</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="123"/>
        <source>Only the lines of %1.</source>
        <comment>@info</comment>
        <translation>Uniquement les lignes de %1.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="128"/>
        <source>Show every order&apos;s</source>
        <comment>@action:button</comment>
        <translation>Afficher celles de toutes les commandes</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="130"/>
        <source>Show the waiting lines of every order</source>
        <comment>@action:button</comment>
        <translation>Afficher les lignes à associer de toutes les commandes</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="135"/>
        <source>Each line names a product we do not have, and its order waits on hold. Choose which of our products it is and press Map: the mapping is kept as an alias, every line that names it is resolved, and the next import knows it. Drop a line that will not be sent.</source>
        <comment>@info</comment>
        <translation>Chaque ligne désigne un article que nous n&apos;avons pas, et sa commande est suspendue. Choisissez l&apos;article qui lui correspond chez nous et cliquez sur Associer : l&apos;association est conservée comme alias, toutes les lignes qui le mentionnent sont résolues, et la prochaine importation le reconnaîtra. Écartez une ligne qui ne sera pas expédiée.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="142"/>
        <source>No order line waits for a mapping.</source>
        <comment>@info</comment>
        <translation>Aucune ligne de commande n&apos;attend d&apos;association.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="156"/>
        <source>Waiting lines</source>
        <comment>@label</comment>
        <translation>Lignes à associer</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="195"/>
        <source>Open order %1</source>
        <comment>@action:button</comment>
        <translation>Ouvrir la commande %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="198"/>
        <source>%1 %2 · line %3</source>
        <comment>@info channel, their order id, line</comment>
        <translation>%1 %2 · ligne %3</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="202"/>
        <source>%1 ×</source>
        <comment>@info quantity</comment>
        <translation>%1 ×</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="207"/>
        <source>⚠ not one of our products: %1</source>
        <comment>@info</comment>
        <translation>⚠ pas l&apos;un de nos articles : %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="221"/>
        <source>Our SKU or product name…</source>
        <comment>@info:placeholder</comment>
        <translation>Notre SKU ou nom d&apos;article…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="224"/>
        <source>Our product for %1</source>
        <comment>@label</comment>
        <translation>Notre article pour %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="225"/>
        <source>Type to search; arrow keys choose, Enter takes it, Enter again maps.</source>
        <comment>@info</comment>
        <translation>Tapez pour rechercher ; les flèches choisissent, Enter valide, Enter à nouveau associe.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="286"/>
        <source>Matching products</source>
        <comment>@label</comment>
        <translation>Articles correspondants</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="294"/>
        <source>%1 — %2 (%3 available)</source>
        <comment>@item sku, name, units</comment>
        <translation>%1 — %2 (%3 disponibles)</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="303"/>
        <source>No product of ours matches.</source>
        <comment>@info</comment>
        <translation>Aucun de nos articles ne correspond.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="303"/>
        <source>Searching…</source>
        <comment>@info</comment>
        <translation>Recherche…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="318"/>
        <source>Every channel</source>
        <comment>@option:check</comment>
        <translation>Tous les canaux de vente</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="321"/>
        <source>Off: the alias holds for %1 only</source>
        <comment>@info:tooltip</comment>
        <translation>Désactivé : l&apos;alias ne vaut que pour %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="322"/>
        <source>Map for every channel, not only %1</source>
        <comment>@option:check</comment>
        <translation>Associer pour tous les canaux de vente, pas seulement %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="325"/>
        <source>Map</source>
        <comment>@action:button</comment>
        <translation>Associer</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="329"/>
        <source>Map %1 to %2</source>
        <comment>@action:button</comment>
        <translation>Associer %1 à %2</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="332"/>
        <source>Drop line…</source>
        <comment>@action:button</comment>
        <translation>Écarter la ligne…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="337"/>
        <source>%1 × %2 will not be sent. When it is the order&apos;s last waiting line, the order comes off hold (or is cancelled when nothing of ours is left in it).</source>
        <comment>@info</comment>
        <translation>%1 × %2 ne sera pas expédié. S&apos;il s&apos;agit de la dernière ligne à associer de la commande, celle-ci est reprise (ou annulée s&apos;il n&apos;y reste aucun de nos articles).</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="340"/>
        <source>Drop line %1 of %2</source>
        <comment>@action:button</comment>
        <translation>Écarter la ligne %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="356"/>
        <source>Search aliases, SKUs, products</source>
        <comment>@info:placeholder</comment>
        <translation>Rechercher alias, SKU, articles</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="358"/>
        <source>Search aliases</source>
        <comment>@label</comment>
        <translation>Rechercher des alias</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="369"/>
        <source>Channel</source>
        <comment>@title:column</comment>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="376"/>
        <source>Theirs → ours</source>
        <comment>@title:column</comment>
        <translation>Leur SKU → le nôtre</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="382"/>
        <source>Mapped by</source>
        <comment>@title:column</comment>
        <translation>Associé par</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="393"/>
        <source>No SKU aliases yet: mapping a waiting line makes one.</source>
        <comment>@info</comment>
        <translation>Aucun alias de SKU pour l&apos;instant : associer une ligne en crée un.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="394"/>
        <source>No alias matches.</source>
        <comment>@info</comment>
        <translation>Aucun alias ne correspond.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="406"/>
        <source>Aliases</source>
        <comment>@label</comment>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="425"/>
        <source>%1 → %2 (%3)</source>
        <comment>@info their SKU → our SKU (product)</comment>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="431"/>
        <source>%1, %2</source>
        <comment>@info who, when</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="445"/>
        <source>Remove the alias %1</source>
        <comment>@action:button</comment>
        <translation>Supprimer l&apos;alias %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="464"/>
        <source>Not done: %1</source>
        <comment>@info</comment>
        <translation>Non effectué : %1</translation>
    </message>
</context>
<context>
    <name>StartCountDialog</name>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="31"/>
        <source>Start a stock count</source>
        <comment>@title:window</comment>
        <translation>Démarrer un inventaire</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="68"/>
        <source>Location:</source>
        <comment>@label:listbox</comment>
        <translation>Emplacement :</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="75"/>
        <source>Location to count</source>
        <comment>@label</comment>
        <translation>Emplacement à compter</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="82"/>
        <source>The whole location</source>
        <comment>@option:radio</comment>
        <translation>Tout l&apos;emplacement</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="87"/>
        <source>A cycle count of some products:</source>
        <comment>@option:radio</comment>
        <translation>Un inventaire tournant de certains articles :</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="97"/>
        <source>Bins starting with:</source>
        <comment>@label:textbox</comment>
        <translation>Casiers commençant par :</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="104"/>
        <source>e.g. A-01 (any bin when empty)</source>
        <comment>@info:placeholder</comment>
        <translation>p. ex. A-01 (tous les casiers si vide)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="105"/>
        <source>Bin prefix</source>
        <comment>@label</comment>
        <translation>Préfixe de casier</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="108"/>
        <source>ABC class:</source>
        <comment>@label:listbox</comment>
        <translation>Classe ABC :</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="117"/>
        <source>Any class</source>
        <comment>@item:inlistbox</comment>
        <translation>Toutes les classes</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="118"/>
        <source>A: the products behind 80 % of the value shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>A : les articles représentant 80 % de la valeur expédiée</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="119"/>
        <source>B: the next 15 %</source>
        <comment>@item:inlistbox</comment>
        <translation>B : les 15 % suivants</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="120"/>
        <source>C: the rest</source>
        <comment>@item:inlistbox</comment>
        <translation>C : le reste</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="122"/>
        <source>ABC class</source>
        <comment>@label</comment>
        <translation>Classe ABC</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="125"/>
        <source>Not counted for:</source>
        <comment>@label:spinbox</comment>
        <translation>Non compté depuis :</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="134"/>
        <source>Not counted for this many days (0: any)</source>
        <comment>@label</comment>
        <translation>Non compté depuis ce nombre de jours (0 : indifférent)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="137"/>
        <source>days (any)</source>
        <comment>@label</comment>
        <translation>jours (indifférent)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="137"/>
        <source>days</source>
        <comment>@label</comment>
        <translation>jours</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="145"/>
        <source>Blind: counters do not see the expected quantities</source>
        <comment>@option:check</comment>
        <translation>Comptage à l&apos;aveugle : les personnes qui comptent ne voient pas les quantités attendues</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="151"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Note (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="152"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="167"/>
        <source>Start counting</source>
        <comment>@action:button</comment>
        <translation>Démarrer le comptage</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="176"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>StockChart</name>
    <message>
        <location filename="../qml/StockChart.qml" line="58"/>
        <source>On hand per location over time</source>
        <comment>@label chart</comment>
        <translation>Stock par emplacement dans le temps</translation>
    </message>
    <message>
        <location filename="../qml/StockChart.qml" line="63"/>
        <source>No stock here yet.</source>
        <comment>@info chart without data</comment>
        <translation>Pas encore de stock ici.</translation>
    </message>
</context>
<context>
    <name>StockFeed</name>
    <message>
        <location filename="../src/io/stockfeed.cpp" line="85"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/io/stockfeed.cpp" line="91"/>
        <source>The feed of %1 was recorded, but %2 could not be saved: %3. Write the feed again.</source>
        <translation>Le flux de stock de %1 a été enregistré, mais %2 n&apos;a pas pu être sauvegardé : %3. Écrivez de nouveau le flux.</translation>
    </message>
</context>
<context>
    <name>StockService</name>
    <message>
        <location filename="../src/services/stockservice.cpp" line="21"/>
        <source>A receipt needs a quantity between 1 and %1, not %2.</source>
        <translation>Une réception nécessite une quantité comprise entre 1 et %1, et non %2.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="33"/>
        <source>An adjustment needs a non-zero change within ±%1.</source>
        <translation>Un ajustement nécessite une variation non nulle dans la limite de ±%1.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="36"/>
        <source>An adjustment needs a reason.</source>
        <translation>Un ajustement nécessite un motif.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="47"/>
        <source>Writing stock off</source>
        <translation>Passer du stock en perte</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="48"/>
        <source>Adjusting stock by hand</source>
        <translation>Ajuster le stock manuellement</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="61"/>
        <source>%1 × %2 at %3: %4</source>
        <translation>%1 × %2 à %3 : %4</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="69"/>
        <source>Not enough stock to take %1 × %2 off at %3: %4 available (%5 on hand, %6 reserved).</source>
        <translation>Stock insuffisant pour sortir %1 × %2 à %3 : disponible %4 (en stock %5, réservé %6).</translation>
    </message>
</context>
<context>
    <name>Stockroom::ChangeFeed</name>
    <message>
        <location filename="../src/store/changefeed.cpp" line="86"/>
        <source>Cannot listen for changes: %1</source>
        <translation>Impossible d&apos;écouter les modifications : %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::ChannelController</name>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="20"/>
        <source>Shopify inventory CSV</source>
        <comment>@item feed format</comment>
        <translation>CSV de stock Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="23"/>
        <source>CSV (SKU, location, available)</source>
        <comment>@item feed format</comment>
        <translation>CSV (SKU, emplacement, disponible)</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="163"/>
        <source>%n unit(s) + %1 %</source>
        <comment>@item feed buffer</comment>
        <translation>
            <numerusform>%n unité + %1 %</numerusform>
            <numerusform>%n unités + %1 %</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="165"/>
        <source>%n unit(s)</source>
        <comment>@item feed buffer</comment>
        <translation>
            <numerusform>%n unité</numerusform>
            <numerusform>%n unités</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="167"/>
        <source>%1 %</source>
        <comment>@item feed buffer</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="169"/>
        <source>none</source>
        <comment>@item feed buffer</comment>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="173"/>
        <source>✓ Up to date</source>
        <comment>@info feed status</comment>
        <translation>✓ À jour</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="175"/>
        <source>⚠ Never written: %n SKU(s) to send</source>
        <comment>@info feed status</comment>
        <translation>
            <numerusform>⚠ Jamais écrit : %n SKU à envoyer</numerusform>
            <numerusform>⚠ Jamais écrit : %n SKU à envoyer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="177"/>
        <source>⚠ %n SKU(s) changed since</source>
        <comment>@info feed status</comment>
        <translation>
            <numerusform>⚠ %n SKU modifié depuis</numerusform>
            <numerusform>⚠ %n SKU modifiés depuis</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="183"/>
        <source>every active location</source>
        <comment>@item feed locations</comment>
        <translation>tous les emplacements actifs</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="204"/>
        <source>Total</source>
        <comment>@item feed row</comment>
        <extracomment>the SKU&apos;s number over all of the channel&apos;s locations (the csv feed has one per SKU)</extracomment>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="205"/>
        <source>not sent</source>
        <comment>@item feed number</comment>
        <translation>non envoyé</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="206"/>
        <source>no longer sent</source>
        <comment>@item feed number</comment>
        <translation>plus envoyé</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="216"/>
        <source>new</source>
        <comment>@item feed number</comment>
        <translation>nouveau</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="216"/>
        <source>removed</source>
        <comment>@item feed number</comment>
        <translation>supprimé</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="321"/>
        <source>%1-stock-feed.csv</source>
        <comment>@item file name</comment>
        <translation>%1-flux-stock.csv</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="332"/>
        <source>Choose a channel first.</source>
        <translation>Choisissez d&apos;abord un canal de vente.</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="332"/>
        <source>Choose the file to write first.</source>
        <translation>Choisissez d&apos;abord le fichier à écrire.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="354"/>
        <source>Feed of %1 written to %2: %n row(s).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Flux de %1 écrit dans %2 : %n ligne.</numerusform>
            <numerusform>Flux de %1 écrit dans %2 : %n lignes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="357"/>
        <source>%n SKU(s) had changed since the last feed.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n SKU avait changé depuis le dernier flux.</numerusform>
            <numerusform>%n SKU avaient changé depuis le dernier flux.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="390"/>
        <source>Feed settings of %1 saved.</source>
        <comment>@info</comment>
        <translation>Paramètres du flux de %1 enregistrés.</translation>
    </message>
</context>
<context>
    <name>Stockroom::ConnectionSettings</name>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="67"/>
        <source>Choose a database file.</source>
        <translation>Choisissez un fichier de base de données.</translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="69"/>
        <source>A PostgreSQL connection needs a host and a database name.</source>
        <translation>Une connexion PostgreSQL nécessite un hôte et un nom de base de données.</translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="71"/>
        <source>The port must be between 1 and 65535.</source>
        <translation>Le port doit être compris entre 1 et 65535.</translation>
    </message>
</context>
<context>
    <name>Stockroom::DatabaseWorker</name>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="375"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="377"/>
        <source>Nothing was imported:</source>
        <translation>Rien n&apos;a été importé :</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="407"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="419"/>
        <source>Unknown action &quot;%1&quot;.</source>
        <translation>Action inconnue « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="413"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="479"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="536"/>
        <source>%1 cancelled.</source>
        <translation>Annulation de %1 effectuée.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="415"/>
        <source>%1 shipped.</source>
        <translation>Commande %1 expédiée.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="417"/>
        <source>%1 marked paid.</source>
        <translation>Commande %1 marquée comme payée.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="419"/>
        <source>Payment of %1 authorised.</source>
        <translation>Paiement de %1 autorisé.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="421"/>
        <source>Payment of %1 voided.</source>
        <translation>Paiement de %1 annulé.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="423"/>
        <source>Refund for %1 recorded.</source>
        <translation>Remboursement de %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="425"/>
        <source>%1 is on hold.</source>
        <translation>Commande %1 suspendue.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="427"/>
        <source>%1 is off hold.</source>
        <translation>Commande %1 reprise.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="429"/>
        <source>%1 released for picking.</source>
        <translation>Commande %1 lancée en préparation.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="431"/>
        <source>Return for %1 created.</source>
        <translation>Retour pour %1 créé.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="433"/>
        <source>Return %1 received.</source>
        <translation>Retour %1 réceptionné.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="435"/>
        <source>Return %1 refunded.</source>
        <translation>Retour %1 remboursé.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="437"/>
        <source>Return %1 cancelled.</source>
        <translation>Retour %1 annulé.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="439"/>
        <source>Tracking event for %1 recorded.</source>
        <translation>Événement de suivi pour %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="441"/>
        <source>Tracking events of %1 imported.</source>
        <translation>Événements de suivi importés depuis %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="490"/>
        <source>%n order(s) done</source>
        <translation>
            <numerusform>%n commande traitée</numerusform>
            <numerusform>%n commandes traitées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="492"/>
        <source>%n refused</source>
        <translation>
            <numerusform>%n refusée</numerusform>
            <numerusform>%n refusées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="555"/>
        <source>Pick list for %1: %n order(s), written to %2.</source>
        <translation>
            <numerusform>Liste de préparation pour %1 : %n commande, écrite dans %2.</numerusform>
            <numerusform>Liste de préparation pour %1 : %n commandes, écrite dans %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="565"/>
        <source>None of these orders has shipped with a tracking number yet.</source>
        <translation>Aucune de ces commandes n&apos;a encore été expédiée avec un numéro de suivi.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="569"/>
        <source>%n label(s) written to %1.</source>
        <translation>
            <numerusform>%n étiquette écrite dans %1.</numerusform>
            <numerusform>%n étiquettes écrites dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="572"/>
        <source>Not shipped yet, no label: %1.</source>
        <translation>Pas encore expédiée, pas d&apos;étiquette : %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_feed.cpp" line="22"/>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>Impossible d&apos;écrire %1 : le dossier %2 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_feed.cpp" line="149"/>
        <source>&quot;%1&quot; is not an export: orders, stock, ledger or products.</source>
        <translation>« %1 » n&apos;est pas un export : orders, stock, ledger ou products.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_forecast.cpp" line="67"/>
        <source>The database could not be opened.</source>
        <translation>La base de données n&apos;a pas pu être ouverte.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="80"/>
        <source>+%n over</source>
        <comment>@info units delivered beyond the order</comment>
        <translation>
            <numerusform>+%n en trop</numerusform>
            <numerusform>+%n en trop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="83"/>
        <source>%n short</source>
        <comment>@info units that never came</comment>
        <translation>
            <numerusform>%n manquant</numerusform>
            <numerusform>%n manquants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="85"/>
        <source>%n over/short</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n en trop/manquant</numerusform>
            <numerusform>%n en trop/manquants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="97"/>
        <source>%n missing</source>
        <comment>@info units waiting for approval</comment>
        <translation>
            <numerusform>%n manquant</numerusform>
            <numerusform>%n manquants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="105"/>
        <source>%n with variance</source>
        <comment>@info count lines</comment>
        <translation>
            <numerusform>%n avec écart</numerusform>
            <numerusform>%n avec écart</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="221"/>
        <source>%1: %2 of %3 available</source>
        <comment>@info sku: available of wanted</comment>
        <translation>%1 : %2 disponibles sur %3</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="343"/>
        <source>Cycle count</source>
        <comment>@label kind of stock count</comment>
        <translation>Inventaire tournant</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="344"/>
        <source>Whole location</source>
        <comment>@label kind of stock count</comment>
        <translation>Emplacement entier</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="396"/>
        <source>Unknown kind of document.</source>
        <translation>Type de document inconnu.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="442"/>
        <source>%1 created for %2: order it when it is complete.</source>
        <translation>Commande fournisseur %1 créée pour %2 : passez-la quand elle est complète.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="450"/>
        <source>%1 ordered from %2.</source>
        <translation>Commande fournisseur %1 passée auprès de %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="459"/>
        <source>%1: %n unit(s) received; everything has come.</source>
        <translation>
            <numerusform>%1 : %n unité réceptionnée ; tout est arrivé.</numerusform>
            <numerusform>%1 : %n unités réceptionnées ; tout est arrivé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="461"/>
        <source>%1: %n unit(s) received.</source>
        <translation>
            <numerusform>%1 : %n unité réceptionnée.</numerusform>
            <numerusform>%1 : %n unités réceptionnées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="472"/>
        <source>%1 closed: %n unit(s) never came.</source>
        <translation>
            <numerusform>Commande fournisseur %1 clôturée : %n unité n&apos;est jamais arrivée.</numerusform>
            <numerusform>Commande fournisseur %1 clôturée : %n unités ne sont jamais arrivées.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="496"/>
        <source>%1 created: %2 → %3.</source>
        <translation>Transfert %1 créé : %2 → %3.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="502"/>
        <source>%1 requested from %2.</source>
        <translation>Transfert %1 demandé à %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="511"/>
        <source>%1 shipped: %n unit(s) on their way to %2.</source>
        <translation>
            <numerusform>Transfert %1 expédié : %n unité en route vers %2.</numerusform>
            <numerusform>Transfert %1 expédié : %n unités en route vers %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="518"/>
        <source>%1: %n unit(s) arrived.</source>
        <translation>
            <numerusform>%1 : %n unité arrivée.</numerusform>
            <numerusform>%1 : %n unités arrivées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="521"/>
        <source>%n unit(s) reported missing, waiting for a manager.</source>
        <translation>
            <numerusform>%n unité déclarée manquante, en attente d&apos;un responsable.</numerusform>
            <numerusform>%n unités déclarées manquantes, en attente d&apos;un responsable.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="529"/>
        <source>Missing units of %1 written off.</source>
        <translation>Unités manquantes de %1 passées en perte.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="530"/>
        <source>Missing units of %1 are expected again (in transit).</source>
        <translation>Les unités manquantes de %1 sont de nouveau attendues (en transit).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="559"/>
        <source>%1 started at %2: %n line(s) to count.</source>
        <translation>
            <numerusform>Inventaire %1 démarré à %2 : %n ligne à compter.</numerusform>
            <numerusform>Inventaire %1 démarré à %2 : %n lignes à compter.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="570"/>
        <source>%1: %2 counted.</source>
        <translation>Quantité comptée pour %1 : %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="580"/>
        <source>%1 submitted: %n line(s) differ from the books.</source>
        <translation>
            <numerusform>Inventaire %1 soumis : %n ligne diffère du stock théorique.</numerusform>
            <numerusform>Inventaire %1 soumis : %n lignes diffèrent du stock théorique.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="590"/>
        <source>%1 approved: %n adjustment(s) booked.</source>
        <translation>
            <numerusform>Inventaire %1 approuvé : %n ajustement comptabilisé.</numerusform>
            <numerusform>Inventaire %1 approuvé : %n ajustements comptabilisés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="596"/>
        <source>%1 rejected.</source>
        <translation>Inventaire %1 rejeté.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="601"/>
        <source>%1 is open for counting again.</source>
        <translation>Inventaire %1 rouvert pour le comptage.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_neworder.cpp" line="32"/>
        <source>Line %1: %2</source>
        <comment>@info line number, why</comment>
        <translation>Ligne %1 : %2</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_neworder.cpp" line="56"/>
        <source>%1 from %2</source>
        <comment>@info units, location</comment>
        <translation>%1 depuis %2</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="160"/>
        <source>on every channel</source>
        <translation>sur tous les canaux de vente</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="161"/>
        <source>on %1</source>
        <translation>sur %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="163"/>
        <source>“%1” is our %2 %3; %n waiting line(s) resolved.</source>
        <translation>
            <numerusform>« %1 » correspond à notre %2 %3 ; %n ligne à associer résolue.</numerusform>
            <numerusform>« %1 » correspond à notre %2 %3 ; %n lignes à associer résolues.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="178"/>
        <source>Alias “%1” removed.</source>
        <translation>Alias « %1 » supprimé.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="201"/>
        <source>Line %1 dropped from %2 (now: %3).</source>
        <translation>Ligne %1 écartée de %2 (désormais : %3).</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="106"/>
        <source>%1 %</source>
        <comment>@info share in percent</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="167"/>
        <source>now</source>
        <comment>@info stock-out risk: already out</comment>
        <translation>maintenant</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="182"/>
        <source>%1?</source>
        <comment>@info lead time assumed: no supplier known</comment>
        <translation>%1 ?</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="205"/>
        <source>%1%2 %</source>
        <comment>@info change against the 30 days before: sign, percent</comment>
        <translation>%1%2 %</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="209"/>
        <source>new</source>
        <comment>@info no sales in the 30 days before</comment>
        <translation>nouveau</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="260"/>
        <source>never sold</source>
        <comment>@info slow mover</comment>
        <translation>jamais vendu</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="264"/>
        <source>last sold %1</source>
        <comment>@info slow mover: a date</comment>
        <translation>dernière vente le %1</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="356"/>
        <source>Not enough whole weeks of sales for a trend yet.</source>
        <comment>@info</comment>
        <translation>Pas encore assez de semaines complètes de ventes pour une tendance.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="361"/>
        <source>trend %1%2 units a week</source>
        <comment>@info sign, units</comment>
        <translation>tendance %1%2 unités par semaine</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="366"/>
        <source> (%1%2 % over %n week(s))</source>
        <comment>@info sign, percent</comment>
        <translation>
            <numerusform> (%1%2 % sur %n semaine)</numerusform>
            <numerusform> (%1%2 % sur %n semaines)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="371"/>
        <source>%1 units, %2; %3</source>
        <comment>@info units, revenue; trend</comment>
        <translation>%1 unités, %2 ; %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="387"/>
        <source>Forecasts are scored once there are %n whole week(s) of sales (now %1).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Les prévisions sont évaluées dès qu&apos;il y a %n semaine complète de ventes (actuellement %1).</numerusform>
            <numerusform>Les prévisions sont évaluées dès qu&apos;il y a %n semaines complètes de ventes (actuellement %1).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="444"/>
        <source>MASE %1 (naive %2)</source>
        <comment>@info forecast accuracy against a naive forecast</comment>
        <translation>MASE %1 (naïve %2)</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="446"/>
        <source>MASE not defined (flat history)</source>
        <comment>@info</comment>
        <translation>MASE non défini (historique constant)</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="447"/>
        <source>bias %1%2 units a week</source>
        <comment>@info sign, units</comment>
        <translation>biais %1%2 unités par semaine</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="456"/>
        <source>%n week(s) forecast %1 weeks ahead: %2, %3; now %4.</source>
        <comment>@info weeks scored, lead, MASE, bias, method</comment>
        <translation>
            <numerusform>%n semaine prévue %1 semaines à l&apos;avance : %2, %3 ; actuellement %4.</numerusform>
            <numerusform>%n semaines prévues %1 semaines à l&apos;avance : %2, %3 ; actuellement %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="478"/>
        <source>projected %1 · reorder point %2 · up to %3 · cover %4 d · lead time %5 d · %6</source>
        <comment>@info replenishment numbers; the last is the forecast method</comment>
        <translation>prévisionnel %1 · point de commande %2 · niveau cible %3 · couverture %4 j · délai d&apos;appro. %5 j · %6</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="622"/>
        <source>%1 · lead time %n day(s) · %2</source>
        <comment>@title supplier, lead time, order value</comment>
        <translation>
            <numerusform>%1 · délai d&apos;approvisionnement %n jour · %2</numerusform>
            <numerusform>%1 · délai d&apos;approvisionnement %n jours · %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="625"/>
        <source>No supplier known yet · %1</source>
        <comment>@title order value</comment>
        <translation>Aucun fournisseur connu pour l&apos;instant · %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="645"/>
        <source>Transfers between locations · %n suggestion(s)</source>
        <comment>@title</comment>
        <translation>
            <numerusform>Transferts entre emplacements · %n suggestion</numerusform>
            <numerusform>Transferts entre emplacements · %n suggestions</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="658"/>
        <source>%1 → %2</source>
        <comment>@info transfer from → to</comment>
        <translation>%1 → %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="722"/>
        <source>%1: %2 for %3, %n line(s)</source>
        <comment>@info a draft purchase order</comment>
        <translation>
            <numerusform>%1 : %2 pour %3, %n ligne</numerusform>
            <numerusform>%1 : %2 pour %3, %n lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="728"/>
        <source>%1: %2 → %3, %n line(s)</source>
        <comment>@info a draft transfer</comment>
        <translation>
            <numerusform>%1 : %2 → %3, %n ligne</numerusform>
            <numerusform>%1 : %2 → %3, %n lignes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="775"/>
        <source>%1 from %2 today</source>
        <comment>@info units, location</comment>
        <translation>%1 depuis %2 aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="778"/>
        <source>%1 from %2 on %3</source>
        <comment>@info units, location, date</comment>
        <translation>%1 depuis %2 le %3</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="786"/>
        <source>Available now from %1</source>
        <comment>@info locations</comment>
        <translation>Disponible maintenant depuis %1</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="789"/>
        <source>Earliest promise: %1 from %2</source>
        <comment>@info date, locations</comment>
        <translation>Date de promesse au plus tôt : %1 depuis %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="794"/>
        <source>Not within %n week(s): only %1 by %2</source>
        <comment>@info units, date</comment>
        <translation>
            <numerusform>Pas sous %n semaine : seulement %1 d&apos;ici le %2</numerusform>
            <numerusform>Pas sous %n semaines : seulement %1 d&apos;ici le %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="121"/>
        <source>Product %1 added.</source>
        <translation>Article %1 ajouté.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="122"/>
        <source>Product %1 saved.</source>
        <translation>Article %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="139"/>
        <source>Stock settings of %1 at %2 saved.</source>
        <translation>Paramètres de stock de %1 à %2 enregistrés.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="236"/>
        <source>Location %1 added.</source>
        <translation>Emplacement %1 ajouté.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="236"/>
        <source>Location %1 saved.</source>
        <translation>Emplacement %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="259"/>
        <source>Supplier %1 added.</source>
        <translation>Fournisseur %1 ajouté.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="16"/>
        <source>Reading the audit trail</source>
        <translation>Consulter le journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="55"/>
        <source>User %1 added as %2.</source>
        <translation>Utilisateur %1 ajouté en tant que %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="61"/>
        <source>%1 is now %2.</source>
        <translation>%1 est désormais %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="66"/>
        <source>%1 may sign in.</source>
        <translation>%1 peut se connecter.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="66"/>
        <source>%1 can no longer sign in.</source>
        <translation>%1 ne peut plus se connecter.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="72"/>
        <source>The password of %1 is set; its other desktops must sign in again.</source>
        <translation>Le mot de passe de %1 est défini ; ses autres postes doivent se reconnecter.</translation>
    </message>
</context>
<context>
    <name>Stockroom::DocumentList</name>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="113"/>
        <source>Open</source>
        <comment>@item:inlistbox documents not finished yet</comment>
        <translation>Ouverts</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="115"/>
        <source>All</source>
        <comment>@item:inlistbox documents of any status</comment>
        <translation>Tous</translation>
    </message>
</context>
<context>
    <name>Stockroom::ExportController</name>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="24"/>
        <source>Orders (a row per order line)</source>
        <comment>@item:inlistbox export</comment>
        <translation>Commandes (une ligne par ligne de commande)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="26"/>
        <source>Stock levels (a row per product and location)</source>
        <comment>@item:inlistbox export</comment>
        <translation>Niveaux de stock (une ligne par article et emplacement)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="29"/>
        <source>Ledger (every stock movement)</source>
        <comment>@item:inlistbox export</comment>
        <translation>Journal des stocks (tous les mouvements de stock)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="31"/>
        <source>Products</source>
        <comment>@item:inlistbox export</comment>
        <translation>Articles</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="67"/>
        <source>stockroom-%1-%2.csv</source>
        <comment>@item file name: kind, date</comment>
        <translation>stockroom-%1-%2.csv</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="96"/>
        <source>Choose what to export.</source>
        <translation>Choisissez ce qu&apos;il faut exporter.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="104"/>
        <source>Choose the file to write first.</source>
        <translation>Choisissez d&apos;abord le fichier à écrire.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="109"/>
        <source>A file name cannot contain a NUL character.</source>
        <translation>Un nom de fichier ne peut pas contenir de caractère NUL.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/exportcontroller.cpp" line="151"/>
        <source>%n row(s) written to %1.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n ligne écrite dans %1.</numerusform>
            <numerusform>%n lignes écrites dans %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::FileImportController</name>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="62"/>
        <source>Choose a file first.</source>
        <translation>Choisissez d&apos;abord un fichier.</translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="75"/>
        <source>Nothing can be imported until every problem is fixed.</source>
        <translation>Rien ne peut être importé tant que tous les problèmes ne sont pas corrigés.</translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="76"/>
        <source>Preview the file first: the import applies what a clean preview showed.</source>
        <translation>Affichez d&apos;abord l&apos;aperçu du fichier : l&apos;importation applique ce qu&apos;un aperçu sans erreur a montré.</translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="84"/>
        <source>%1 has changed since the preview: preview it again.</source>
        <translation>%1 a changé depuis l&apos;aperçu : affichez de nouveau l&apos;aperçu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/fileimportcontroller.cpp" line="143"/>
        <source>… and %n more.</source>
        <translation>
            <numerusform>… et %n autre.</numerusform>
            <numerusform>… et %n autres.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::ForecastController</name>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="173"/>
        <source>Automatic</source>
        <comment>@item forecast method: chosen by demand class and AICc</comment>
        <translation>Automatique</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="174"/>
        <source>ETS, best by AICc</source>
        <comment>@item forecast method</comment>
        <translation>ETS, meilleur selon l&apos;AICc</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="175"/>
        <source>Naive</source>
        <comment>@item forecast method</comment>
        <translation>Naïve</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="176"/>
        <source>Seasonal naive</source>
        <comment>@item forecast method</comment>
        <translation>Naïve saisonnière</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="177"/>
        <source>Simple exponential smoothing</source>
        <comment>@item forecast method</comment>
        <translation>Lissage exponentiel simple</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="178"/>
        <source>Holt (linear trend)</source>
        <comment>@item forecast method</comment>
        <translation>Holt (tendance linéaire)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="179"/>
        <source>Holt, damped trend</source>
        <comment>@item forecast method</comment>
        <translation>Holt, tendance amortie</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="180"/>
        <source>Holt-Winters additive</source>
        <comment>@item forecast method</comment>
        <translation>Holt-Winters additif</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="182"/>
        <source>Holt-Winters multiplicative</source>
        <comment>@item forecast method</comment>
        <translation>Holt-Winters multiplicatif</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="183"/>
        <source>Croston (intermittent)</source>
        <comment>@item forecast method</comment>
        <translation>Croston (intermittente)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="184"/>
        <source>SBA (intermittent)</source>
        <comment>@item forecast method</comment>
        <translation>SBA (intermittente)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="185"/>
        <source>TSB (intermittent, obsolescence)</source>
        <comment>@item forecast method</comment>
        <translation>TSB (intermittente, obsolescence)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="421"/>
        <source>There are no products yet: add some in the Inventory view.</source>
        <comment>@info</comment>
        <translation>Il n&apos;y a encore aucun article : ajoutez-en dans la vue Stock.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="685"/>
        <source>smooth</source>
        <comment>@info demand class</comment>
        <translation>régulière</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="688"/>
        <source>erratic</source>
        <comment>@info demand class</comment>
        <translation>erratique</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="691"/>
        <source>intermittent</source>
        <comment>@info demand class</comment>
        <translation>intermittente</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="694"/>
        <source>lumpy</source>
        <comment>@info demand class</comment>
        <translation>sporadique</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="705"/>
        <source>none: nothing sold yet</source>
        <comment>@info forecast method</comment>
        <translation>aucune : rien n&apos;a encore été vendu</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="844"/>
        <source>On hand</source>
        <comment>@item ATP event</comment>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="847"/>
        <source>Reserved</source>
        <comment>@item ATP event</comment>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="850"/>
        <source>Backorders</source>
        <comment>@item ATP event</comment>
        <translation>Commandes en attente</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="853"/>
        <source>Backorder filled</source>
        <comment>@item ATP event</comment>
        <translation>Commande en attente honorée</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="856"/>
        <source>Purchase order</source>
        <comment>@item ATP event</comment>
        <translation>Commande fournisseur</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="859"/>
        <source>Transfer</source>
        <comment>@item ATP event</comment>
        <translation>Transfert</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="897"/>
        <source>&quot;%1&quot; is not a quantity to promise (1 to 1,000,000 units).</source>
        <translation>« %1 » n&apos;est pas une quantité à promettre (1 à 1 000 000 unités).</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="925"/>
        <source>%1 from %2 on %3</source>
        <comment>@info units, location, date</comment>
        <translation>%1 depuis %2 le %3</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1076"/>
        <source>Reorder point (s, S)</source>
        <comment>@item policy</comment>
        <translation>Point de commande (s, S)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1077"/>
        <source>Periodic review (R, S)</source>
        <comment>@item policy</comment>
        <translation>Révision périodique (R, S)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1108"/>
        <source>%1 ± %2 a day</source>
        <comment>@info simulated demand: mean ± sd</comment>
        <translation>%1 ± %2 par jour</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1110"/>
        <source>%1 % of days, %2 ± %3 units</source>
        <comment>@info simulated intermittent demand</comment>
        <translation>%1 % des jours, %2 ± %3 unités</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1113"/>
        <source>%1 runs of a year each (seeded), demand %2 from the last %3 days, lead time %4 ± %5 days, review every %6 days.</source>
        <comment>@info</comment>
        <translation>%1 simulations d&apos;un an chacune (graine fixe), demande %2 sur les %3 derniers jours, délai d&apos;approvisionnement %4 ± %5 jours, révision tous les %6 jours.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1133"/>
        <source>Reorder settings belong to a location: choose one first.</source>
        <comment>@info</comment>
        <translation>Les paramètres de réapprovisionnement dépendent d&apos;un emplacement : choisissez-en d&apos;abord un.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1138"/>
        <source>A periodic review policy has no reorder point to set: choose a reorder point (s, S) policy.</source>
        <comment>@info</comment>
        <translation>Une politique de révision périodique n&apos;a pas de point de commande à définir : choisissez une politique de point de commande (s, S).</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1171"/>
        <source>Restoring the reorder settings…</source>
        <comment>@info</comment>
        <translation>Restauration des paramètres de réapprovisionnement…</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1172"/>
        <source>Writing the reorder settings…</source>
        <comment>@info</comment>
        <translation>Enregistrement des paramètres de réapprovisionnement…</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1192"/>
        <source>Restored at %1: reorder point %2, reorder quantity %3.</source>
        <comment>@info</comment>
        <translation>Restauré à %1 : point de commande %2, quantité de réapprovisionnement %3.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1199"/>
        <source>%1 at %2: reorder point %3 → %4, reorder quantity %5 → %6.</source>
        <comment>@info</comment>
        <translation>%1 à %2 : point de commande %3 → %4, quantité de réapprovisionnement %5 → %6.</translation>
    </message>
</context>
<context>
    <name>Stockroom::InterfaceSettings</name>
    <message>
        <location filename="../src/ui/interfacesettings.cpp" line="108"/>
        <source>There is no translation for the language &quot;%1&quot;; use one of %2.</source>
        <translation>Il n&apos;existe pas de traduction pour la langue « %1 » ; utilisez l&apos;une des suivantes : %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/interfacesettings.cpp" line="172"/>
        <source>The system&apos;s (%1)</source>
        <comment>@item language</comment>
        <translation>Langue du système (%1)</translation>
    </message>
</context>
<context>
    <name>Stockroom::InventoryDocuments</name>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="513"/>
        <source>&quot;%1&quot; is not a quantity (%2).</source>
        <translation>« %1 » n&apos;est pas une quantité (%2).</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="522"/>
        <source>&quot;%1&quot; is not a number of missing units (%2).</source>
        <translation>« %1 » n&apos;est pas un nombre d&apos;unités manquantes (%2).</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="531"/>
        <source>A line has a quantity but no SKU.</source>
        <translation>Une ligne a une quantité mais pas de SKU.</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="543"/>
        <source>&quot;%1&quot; is not a unit cost (%2).</source>
        <translation>« %1 » n&apos;est pas un coût unitaire (%2).</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="667"/>
        <source>&quot;%1&quot; is not a quantity.</source>
        <translation>« %1 » n&apos;est pas une quantité.</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="728"/>
        <source>Draft</source>
        <comment>@label purchase order status</comment>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="730"/>
        <source>Ordered</source>
        <comment>@label purchase order status</comment>
        <translation>Commandée</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="732"/>
        <source>Partly received</source>
        <comment>@label purchase order status</comment>
        <translation>Partiellement réceptionnée</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="734"/>
        <source>Received</source>
        <comment>@label purchase order status</comment>
        <translation>Réceptionnée</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="736"/>
        <source>Cancelled</source>
        <comment>@label purchase order status</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="740"/>
        <source>Draft</source>
        <comment>@label transfer status</comment>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="742"/>
        <source>Requested</source>
        <comment>@label transfer status</comment>
        <translation>Demandé</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="744"/>
        <source>In transit</source>
        <comment>@label transfer status</comment>
        <translation>En transit</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="746"/>
        <source>Received</source>
        <comment>@label transfer status</comment>
        <translation>Réceptionné</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="748"/>
        <source>Cancelled</source>
        <comment>@label transfer status</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="752"/>
        <source>Counting</source>
        <comment>@label stock count status</comment>
        <translation>Comptage en cours</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="754"/>
        <source>Submitted</source>
        <comment>@label stock count status</comment>
        <translation>Soumis</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="756"/>
        <source>Approved</source>
        <comment>@label stock count status</comment>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="758"/>
        <source>Rejected</source>
        <comment>@label stock count status</comment>
        <translation>Rejeté</translation>
    </message>
</context>
<context>
    <name>Stockroom::InventoryModel</name>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="93"/>
        <source>Out of stock</source>
        <comment>@label stock level</comment>
        <translation>En rupture de stock</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="95"/>
        <source>Reorder</source>
        <comment>@label stock level: below the reorder point</comment>
        <translation>À réapprovisionner</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="96"/>
        <source>In stock</source>
        <comment>@label stock level</comment>
        <translation>En stock</translation>
    </message>
</context>
<context>
    <name>Stockroom::LedgerModel</name>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="47"/>
        <source>Received</source>
        <comment>@label ledger reason</comment>
        <translation>Réceptionné</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="49"/>
        <source>Reserved</source>
        <comment>@label ledger reason: for an order</comment>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="51"/>
        <source>Released</source>
        <comment>@label ledger reason: a reservation given back</comment>
        <translation>Libéré</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="53"/>
        <source>Shipped</source>
        <comment>@label ledger reason</comment>
        <translation>Expédié</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="55"/>
        <source>Returned to stock</source>
        <comment>@label ledger reason</comment>
        <translation>Remis en stock</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="57"/>
        <source>Return written off</source>
        <comment>@label ledger reason</comment>
        <translation>Retour passé en perte</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="59"/>
        <source>Count correction</source>
        <comment>@label ledger reason</comment>
        <translation>Correction d&apos;inventaire</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="61"/>
        <source>Transfer out</source>
        <comment>@label ledger reason</comment>
        <translation>Transfert sortant</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="63"/>
        <source>Transfer in</source>
        <comment>@label ledger reason</comment>
        <translation>Transfert entrant</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="65"/>
        <source>Written off</source>
        <comment>@label ledger reason</comment>
        <translation>Passé en perte</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="67"/>
        <source>Corrected by hand</source>
        <comment>@label ledger reason</comment>
        <translation>Corrigé manuellement</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="102"/>
        <source>Import %1</source>
        <comment>@info ledger reference</comment>
        <translation>Importation %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::NewOrderController</name>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="60"/>
        <source>Line %1 has no SKU.</source>
        <comment>@info</comment>
        <translation>La ligne %1 n&apos;a pas de SKU.</translation>
    </message>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="66"/>
        <source>Line %1 (%2): the quantity must be a whole number of at least 1.</source>
        <comment>@info line, SKU</comment>
        <translation>Ligne %1 (%2) : la quantité doit être un nombre entier d&apos;au moins 1.</translation>
    </message>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="77"/>
        <source>The order has no lines: enter a SKU and a quantity.</source>
        <comment>@info</comment>
        <translation>La commande n&apos;a aucune ligne : saisissez un SKU et une quantité.</translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderActions</name>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="88"/>
        <source>&quot;%1&quot; is not a weight in kilograms.</source>
        <translation>« %1 » n&apos;est pas un poids en kilogrammes.</translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="122"/>
        <source>&quot;%1&quot; is not an amount to refund.</source>
        <translation>« %1 » n&apos;est pas un montant à rembourser.</translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="185"/>
        <source>None of these orders has shipped with a tracking number yet.</source>
        <translation>Aucune de ces commandes n&apos;a encore été expédiée avec un numéro de suivi.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="192"/>
        <source>%n shipping label(s)</source>
        <translation>
            <numerusform>%n étiquette d&apos;expédition</numerusform>
            <numerusform>%n étiquettes d&apos;expédition</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="194"/>
        <source>Print %n label(s)</source>
        <translation>
            <numerusform>Imprimer %n étiquette</numerusform>
            <numerusform>Imprimer %n étiquettes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="196"/>
        <source>Printing cancelled.</source>
        <translation>Impression annulée.</translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="201"/>
        <source>The printer could not be opened.</source>
        <translation>Impossible d&apos;ouvrir l&apos;imprimante.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="221"/>
        <source>%n label(s) sent to the printer.</source>
        <translation>
            <numerusform>%n étiquette envoyée à l&apos;imprimante.</numerusform>
            <numerusform>%n étiquettes envoyées à l&apos;imprimante.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="224"/>
        <source>Not shipped yet, no label: %1.</source>
        <translation>Pas encore expédiée, pas d&apos;étiquette : %1.</translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderDetailController</name>
    <message>
        <location filename="../src/ui/orderdetailcontroller.cpp" line="66"/>
        <source>pays later</source>
        <translation>paie plus tard</translation>
    </message>
    <message>
        <location filename="../src/ui/orderdetailcontroller.cpp" line="69"/>
        <source>ships only from %1</source>
        <translation>expédiée uniquement depuis %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderImportController</name>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="16"/>
        <source>Detect from the header</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Détecter d&apos;après l&apos;en-tête</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="18"/>
        <source>Shopify orders export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Export des commandes Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="20"/>
        <source>WooCommerce orders export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Export des commandes WooCommerce</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="22"/>
        <source>Amazon order report</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Rapport de commandes Amazon</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="24"/>
        <source>eBay Seller Hub orders report</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Rapport de commandes eBay Seller Hub</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="26"/>
        <source>Etsy sold order items</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Articles de commandes vendus Etsy</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="28"/>
        <source>Stockroom orders</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Commandes Stockroom</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="36"/>
        <source>On hold</source>
        <comment>@info import notice</comment>
        <translation>Suspendue</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="39"/>
        <source>Kept</source>
        <comment>@info import notice: our newer state was kept</comment>
        <translation>Conservé</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="41"/>
        <source>Attention</source>
        <comment>@info import notice</comment>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="204"/>
        <source>not recognised</source>
        <comment>@info file format</comment>
        <translation>non reconnu</translation>
    </message>
</context>
<context>
    <name>Stockroom::PresenceTracker</name>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="50"/>
        <source>%1 is viewing</source>
        <translation>%1 consulte</translation>
    </message>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="51"/>
        <source>%1 is %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>Stockroom::ProductController</name>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="150"/>
        <source>%1 g</source>
        <comment>@info weight in grams</comment>
        <translation>%1 g</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="253"/>
        <source>&quot;%1&quot; is not a unit cost.</source>
        <translation>« %1 » n&apos;est pas un coût unitaire.</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="257"/>
        <source>&quot;%1&quot; is not a price.</source>
        <translation>« %1 » n&apos;est pas un prix.</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="261"/>
        <source>&quot;%1&quot; is not a weight in grams.</source>
        <translation>« %1 » n&apos;est pas un poids en grammes.</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="285"/>
        <source>&quot;%1&quot; is not a reorder point (a whole number, 0 for none).</source>
        <translation>« %1 » n&apos;est pas un point de commande (un nombre entier, 0 pour aucun).</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="289"/>
        <source>&quot;%1&quot; is not a reorder quantity (a whole number).</source>
        <translation>« %1 » n&apos;est pas une quantité de réapprovisionnement (un nombre entier).</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="345"/>
        <source>&quot;%1&quot; is not a priority (a whole number, lower ships first).</source>
        <translation>« %1 » n&apos;est pas une priorité (un nombre entier, la plus basse expédie en premier).</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="362"/>
        <source>&quot;%1&quot; is not a lead time in days.</source>
        <translation>« %1 » n&apos;est pas un délai d&apos;approvisionnement en jours.</translation>
    </message>
</context>
<context>
    <name>Stockroom::ProductImportController</name>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="15"/>
        <source>Detect from the header</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Détecter d&apos;après l&apos;en-tête</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="17"/>
        <source>Stockroom products</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Articles Stockroom</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="19"/>
        <source>Stockroom stock levels</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Niveaux de stock Stockroom</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="21"/>
        <source>Shopify products export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Export des articles Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="23"/>
        <source>Shopify inventory export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Export du stock Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="125"/>
        <source>not recognised</source>
        <comment>@info file format</comment>
        <translation>non reconnu</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="129"/>
        <source>Import %1</source>
        <comment>@info ledger reference</comment>
        <translation>Importation %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::ReplenishmentController</name>
    <message numerus="yes">
        <location filename="../src/ui/replenishmentcontroller.cpp" line="251"/>
        <source>%n suggestion(s) from %1 product × location plan(s), %2 at risk</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n suggestion issue de %1 plan(s) article × emplacement, %2 à risque</numerusform>
            <numerusform>%n suggestions issues de %1 plan(s) article × emplacement, %2 à risque</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/replenishmentcontroller.cpp" line="321"/>
        <source>Choose a supplier for the products that were never ordered.</source>
        <comment>@info</comment>
        <translation>Choisissez un fournisseur pour les articles qui n&apos;ont jamais été commandés.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Session</name>
    <message numerus="yes">
        <location filename="../src/ui/session.cpp" line="208"/>
        <source>%1 (trying again in %n s)</source>
        <translation>
            <numerusform>%1 (nouvel essai dans %n s)</numerusform>
            <numerusform>%1 (nouvel essai dans %n s)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/session.cpp" line="238"/>
        <source>Live refresh paused: %1</source>
        <translation>Actualisation en direct en pause : %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::SignInController</name>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="134"/>
        <source>This database has users: give --user NAME and the password in $STOCKROOM_PASSWORD.</source>
        <translation>Cette base de données a des utilisateurs : indiquez --user NAME et le mot de passe dans $STOCKROOM_PASSWORD.</translation>
    </message>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="142"/>
        <source>Type your user name and password.</source>
        <translation>Saisissez votre nom d&apos;utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="159"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>Stockroom::SkuAliasController</name>
    <message>
        <location filename="../src/ui/skualiascontroller.cpp" line="105"/>
        <source>every channel</source>
        <comment>@item SKU alias</comment>
        <translation>tous les canaux de vente</translation>
    </message>
    <message>
        <location filename="../src/ui/skualiascontroller.cpp" line="150"/>
        <source>Choose one of our products for “%1” first.</source>
        <translation>Choisissez d&apos;abord l&apos;un de nos articles pour « %1 ».</translation>
    </message>
</context>
<context>
    <name>Stockroom::UsersController</name>
    <message>
        <location filename="../src/ui/userscontroller.cpp" line="54"/>
        <location filename="../src/ui/userscontroller.cpp" line="78"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
</context>
<context>
    <name>TextField</name>
    <message>
        <location filename="../src/domain/textfield.cpp" line="9"/>
        <source>%1 &quot;%2&quot; contains a NUL character (\0), which cannot be stored.</source>
        <translation>%1 « %2 » contient un caractère NUL (\0), qui ne peut pas être enregistré.</translation>
    </message>
    <message>
        <location filename="../src/domain/textfield.cpp" line="14"/>
        <source>%1 &quot;%2&quot; is not valid Unicode (a lone surrogate).</source>
        <translation>%1 « %2 » n&apos;est pas de l&apos;Unicode valide (substitut isolé).</translation>
    </message>
    <message>
        <location filename="../src/domain/textfield.cpp" line="17"/>
        <source>%1 is %2 characters long; at most %3 are allowed.</source>
        <translation>%1 compte %2 caractères ; %3 au maximum sont autorisés.</translation>
    </message>
</context>
<context>
    <name>TrackingDialog</name>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="24"/>
        <source>Tracking %1</source>
        <comment>@title:window</comment>
        <translation>Suivi de %1</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="36"/>
        <source>Import a carrier&apos;s tracking file</source>
        <comment>@title:window</comment>
        <translation>Importer le fichier de suivi d&apos;un transporteur</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="37"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="37"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="49"/>
        <source>Status:</source>
        <comment>@label:listbox</comment>
        <translation>Statut :</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="58"/>
        <source>In transit</source>
        <comment>@item:inlistbox</comment>
        <translation>En transit</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="59"/>
        <source>Out for delivery</source>
        <comment>@item:inlistbox</comment>
        <translation>En cours de livraison</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="60"/>
        <source>Delivered</source>
        <comment>@item:inlistbox</comment>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="61"/>
        <source>Exception (failed attempt, damage…)</source>
        <comment>@item:inlistbox</comment>
        <translation>Incident (tentative échouée, dommage…)</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="62"/>
        <source>Returned to sender</source>
        <comment>@item:inlistbox</comment>
        <translation>Retournée à l&apos;expéditeur</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="64"/>
        <source>Tracking status</source>
        <comment>@label</comment>
        <translation>Statut du suivi</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="67"/>
        <source>Place:</source>
        <comment>@label:textbox</comment>
        <translation>Lieu :</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="73"/>
        <source>Place</source>
        <comment>@label</comment>
        <translation>Lieu</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="76"/>
        <source>Note:</source>
        <comment>@label:textbox</comment>
        <translation>Note :</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="82"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="87"/>
        <source>Import a carrier&apos;s CSV file…</source>
        <comment>@action:button</comment>
        <translation>Importer le fichier CSV d&apos;un transporteur…</translation>
    </message>
</context>
<context>
    <name>TrackingImport</name>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="65"/>
        <source>tracking number</source>
        <translation>numéro de suivi</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="67"/>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="69"/>
        <source>time</source>
        <translation>heure</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="71"/>
        <source>place</source>
        <translation>lieu</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="73"/>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="115"/>
        <source>the file is empty: expected the header line %1 and one line per event.</source>
        <translation>le fichier est vide : la ligne d&apos;en-tête %1 et une ligne par événement étaient attendues.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="140"/>
        <source>no %1 column (one of: %2); expected a header like %3.</source>
        <translation>pas de colonne %1 (l&apos;une de : %2) ; un en-tête du type %3 était attendu.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="166"/>
        <source>the columns %1 all give the %2: keep one of them.</source>
        <translation>les colonnes %1 indiquent toutes la même donnée (%2) : n&apos;en gardez qu&apos;une.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="203"/>
        <source>%1 fields where the header has %2 (a comma in a field that is not quoted?).</source>
        <translation>%1 champs alors que l&apos;en-tête en a %2 (une virgule dans un champ sans guillemets ?).</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="217"/>
        <location filename="../src/io/trackingimport.cpp" line="220"/>
        <location filename="../src/io/trackingimport.cpp" line="229"/>
        <source>empty.</source>
        <translation>vide.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="224"/>
        <source>unknown status &quot;%1&quot; (expected one of %2, or a carrier&apos;s words such as &quot;Out for Delivery&quot;).</source>
        <translation>statut inconnu « %1 » (attendu : l&apos;un de %2, ou les termes d&apos;un transporteur comme « Out for Delivery »).</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="233"/>
        <source>&quot;%1&quot; is not a date and time (use 2026-11-27T14:05:00+01:00; without an offset it is UTC).</source>
        <translation>« %1 » n&apos;est pas une date et heure (utilisez 2026-11-27T14:05:00+01:00 ; sans décalage, l&apos;heure est en UTC).</translation>
    </message>
</context>
<context>
    <name>TrackingNumbers</name>
    <message>
        <location filename="../src/domain/tracking.cpp" line="58"/>
        <source>UPS 1Z number</source>
        <translation>Numéro UPS 1Z</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="65"/>
        <source>UPS waybill number</source>
        <translation>Numéro de lettre de transport UPS</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="72"/>
        <source>UPU S10 item number</source>
        <translation>Numéro d&apos;envoi UPU S10</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="80"/>
        <location filename="../src/domain/tracking.cpp" line="90"/>
        <source>USPS IMpb number</source>
        <translation>Numéro USPS IMpb</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="100"/>
        <source>FedEx Ground 96 number</source>
        <translation>Numéro FedEx Ground 96</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="107"/>
        <source>FedEx Ground 34-digit barcode</source>
        <translation>Code-barres FedEx Ground à 34 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="114"/>
        <source>FedEx ASTRA barcode</source>
        <translation>Code-barres FedEx ASTRA</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="120"/>
        <source>FedEx Express 34-digit barcode</source>
        <translation>Code-barres FedEx Express à 34 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="126"/>
        <location filename="../src/domain/tracking.cpp" line="134"/>
        <source>OnTrac number</source>
        <translation>Numéro OnTrac</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="142"/>
        <source>Old Dominion PRO number</source>
        <translation>Numéro PRO Old Dominion</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="147"/>
        <source>Old Dominion guaranteed PRO number</source>
        <translation>Numéro PRO garanti Old Dominion</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="152"/>
        <source>FedEx Express 12-digit number</source>
        <translation>Numéro FedEx Express à 12 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="158"/>
        <source>Purolator 12-digit number</source>
        <translation>Numéro Purolator à 12 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="163"/>
        <source>DHL Express waybill number</source>
        <translation>Numéro de lettre de transport DHL Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="168"/>
        <source>FedEx Ground 15-digit number</source>
        <translation>Numéro FedEx Ground à 15 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="175"/>
        <source>DPD parcel number</source>
        <translation>Numéro de colis DPD</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="180"/>
        <source>Canada Post 16-digit number</source>
        <translation>Numéro Postes Canada à 16 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="188"/>
        <source>SSCC-18 (FedEx Ground) number</source>
        <translation>Numéro SSCC-18 (FedEx Ground)</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="196"/>
        <source>USPS 20-digit number</source>
        <translation>Numéro USPS à 20 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="204"/>
        <source>USPS confirmation number</source>
        <translation>Numéro de confirmation USPS</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="212"/>
        <source>DPD 28-digit barcode</source>
        <translation>Code-barres DPD à 28 chiffres</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="218"/>
        <source>Amazon Logistics number</source>
        <translation>Numéro Amazon Logistics</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="222"/>
        <source>Canpar number</source>
        <translation>Numéro Canpar</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="226"/>
        <source>DHL Express piece ID</source>
        <translation>Identifiant de colis DHL Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="230"/>
        <source>DHL eCommerce number</source>
        <translation>Numéro DHL eCommerce</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="234"/>
        <source>GOFO Express number</source>
        <translation>Numéro GOFO Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="238"/>
        <source>Landmark Global number</source>
        <translation>Numéro Landmark Global</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="242"/>
        <location filename="../src/domain/tracking.cpp" line="246"/>
        <location filename="../src/domain/tracking.cpp" line="250"/>
        <location filename="../src/domain/tracking.cpp" line="254"/>
        <source>LaserShip number</source>
        <translation>Numéro LaserShip</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="258"/>
        <source>Purolator number</source>
        <translation>Numéro Purolator</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="262"/>
        <source>Spee-Dee number</source>
        <translation>Numéro Spee-Dee</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="266"/>
        <source>Yodel number</source>
        <translation>Numéro Yodel</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="270"/>
        <source>YunExpress number</source>
        <translation>Numéro YunExpress</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="471"/>
        <source>No tracking number was entered.</source>
        <translation>Aucun numéro de suivi n&apos;a été saisi.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="491"/>
        <source>%1: this kind of number has no check digit, so only its shape was checked.</source>
        <translation>%1 : ce type de numéro n&apos;a pas de chiffre de contrôle ; seul son format a été vérifié.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="499"/>
        <source>%1: %2 is not the country code of a postal service.</source>
        <translation>%1 : %2 n&apos;est pas le code pays d&apos;un service postal.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="515"/>
        <source>%1: check digit should be %2, not %3.</source>
        <translation>%1 : le chiffre de contrôle devrait être %2, et non %3.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="535"/>
        <source>Not a tracking number format we know: accepted, but check it against the label.</source>
        <translation>Format de numéro de suivi inconnu : accepté, mais vérifiez-le sur l&apos;étiquette.</translation>
    </message>
</context>
<context>
    <name>TrackingService</name>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="24"/>
        <source>Line %1: </source>
        <translation>Ligne %1 : </translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="28"/>
        <source>unknown tracking status &quot;%1&quot; (expected one of %2).</source>
        <translation>statut de suivi inconnu « %1 » (attendu : l&apos;un de %2).</translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="36"/>
        <source>&quot;%1&quot; is not a date and time (use 2026-11-27T14:05:00+01:00).</source>
        <translation>« %1 » n&apos;est pas une date et heure (utilisez 2026-11-27T14:05:00+01:00).</translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="43"/>
        <source>no shipment has tracking number &quot;%1&quot;.</source>
        <translation>aucune expédition n&apos;a le numéro de suivi « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="67"/>
        <source>Shipment %1 is %2: it cannot become %3.</source>
        <translation>L&apos;expédition %1 est à l&apos;état %2 : elle ne peut pas passer à l&apos;état %3.</translation>
    </message>
</context>
<context>
    <name>TransferReceiveDialog</name>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="37"/>
        <source>%1: only %2 still expected.</source>
        <comment>@info</comment>
        <translation>%1 : seulement %2 encore attendus.</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="39"/>
        <source>%1: say why units are missing.</source>
        <comment>@info</comment>
        <translation>%1 : indiquez pourquoi des unités manquent.</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="50"/>
        <source>✗ %1 is not expected on %2: set it aside.</source>
        <comment>@info barcode, transfer</comment>
        <translation>✗ %1 n&apos;est pas attendu sur %2 : mettez-le de côté.</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="83"/>
        <source>Receive %1 from %2</source>
        <comment>@title:window transfer, source location</comment>
        <translation>Réceptionner %1 depuis %2</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="131"/>
        <source>Scan a barcode or type a SKU: each Enter adds 1 arrived</source>
        <comment>@info:placeholder</comment>
        <translation>Scannez un code-barres ou saisissez un SKU : chaque Enter ajoute 1 unité arrivée</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="132"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation>Scan ou SKU</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="139"/>
        <source>Everything arrived</source>
        <comment>@action:button</comment>
        <translation>Tout est arrivé</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="141"/>
        <source>Fill in every expected quantity as arrived</source>
        <comment>@action:button</comment>
        <translation>Marquer toutes les quantités attendues comme arrivées</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="178"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="183"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="188"/>
        <source>Expected</source>
        <comment>@title:column</comment>
        <translation>Prévu</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="194"/>
        <source>Arrived</source>
        <comment>@title:column</comment>
        <translation>Arrivé</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="199"/>
        <source>Missing</source>
        <comment>@title:column</comment>
        <translation>Manquant</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="204"/>
        <source>Why missing</source>
        <comment>@title:column</comment>
        <translation>Motif du manque</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="268"/>
        <source>Units of %1 arrived</source>
        <comment>@label</comment>
        <translation>Unités de %1 arrivées</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="284"/>
        <source>Units of %1 missing</source>
        <comment>@label</comment>
        <translation>Unités de %1 manquantes</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="294"/>
        <source>damaged</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation>endommagé</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="295"/>
        <source>lost in transit</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation>perdu en transit</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="296"/>
        <source>short shipped</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation>expédition incomplète</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="305"/>
        <source>Why units of %1 are missing</source>
        <comment>@label</comment>
        <translation>Motif des unités manquantes de %1</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="321"/>
        <source>Receiving…</source>
        <comment>@action:button busy</comment>
        <translation>Réception…</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="322"/>
        <source>Receive %1, report %2 missing</source>
        <comment>@action:button</comment>
        <translation>Réceptionner %1, déclarer %2 manquants</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransferReceiveDialog.qml" line="323"/>
        <source>Receive %n unit(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Réceptionner %n unité</numerusform>
            <numerusform>Réceptionner %n unités</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="332"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>TransferService</name>
    <message>
        <location filename="../src/services/transferservice.cpp" line="28"/>
        <source>A transfer needs at least one line.</source>
        <translation>Un transfert nécessite au moins une ligne.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="31"/>
        <source>Line %1</source>
        <translation>Ligne %1</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="36"/>
        <source>A transfer goes between two different locations.</source>
        <translation>Un transfert se fait entre deux emplacements différents.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="46"/>
        <source>%1 is on the transfer twice: give it once with the whole quantity.</source>
        <translation>%1 figure deux fois sur le transfert : indiquez-le une seule fois avec la quantité totale.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="66"/>
        <source>There is no transfer %1.</source>
        <translation>Le transfert %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="90"/>
        <source>requested</source>
        <translation>demandé</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="101"/>
        <source>cancelled</source>
        <translation>annulation</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="110"/>
        <source>shipped</source>
        <translation>expédition</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="125"/>
        <source>%1 cannot leave %2: %3 × %4 wanted, %5 available (%6 on hand, %7 reserved for orders).</source>
        <translation>%1 ne peut pas quitter %2 : %3 × %4 demandés, %5 disponibles (%6 en stock, %7 réservés pour des commandes).</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="136"/>
        <source>to %1</source>
        <translation>vers %1</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="160"/>
        <source>received</source>
        <translation>réception</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="172"/>
        <source>Nothing to receive: give at least one SKU and quantity.</source>
        <translation>Rien à réceptionner : indiquez au moins un SKU et une quantité.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="178"/>
        <source>Receiving %1 needs a quantity arrived or missing above 0.</source>
        <translation>La réception de %1 nécessite une quantité arrivée ou manquante supérieure à 0.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="182"/>
        <source>Missing units of %1 need a reason (damaged, lost, short shipped, …).</source>
        <translation>Les unités manquantes de %1 nécessitent un motif (endommagé, perdu, expédition incomplète, …).</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="190"/>
        <source>%1 is %2: only a transfer in transit can be received.</source>
        <translation>%1 est %2 : seul un transfert en transit peut être réceptionné.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="204"/>
        <source>%1 is not on %2.</source>
        <translation>%1 ne figure pas sur %2.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="209"/>
        <source>%1 of %2: %3 arrived or missing, but only %4 are still expected (%5 sent, %6 arrived, %7 missing).</source>
        <translation>%1 de %2 : %3 arrivés ou manquants, mais seulement %4 encore attendus (%5 envoyés, %6 arrivés, %7 manquants).</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="223"/>
        <source>from %1</source>
        <translation>depuis %1</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="241"/>
        <source>Deciding on a transfer&apos;s missing units</source>
        <translation>Statuer sur les unités manquantes d&apos;un transfert</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="254"/>
        <source>missing units of %1 written off</source>
        <translation>unités manquantes de %1 passées en perte</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="255"/>
        <source>missing units of %1 still expected</source>
        <translation>unités manquantes de %1 toujours attendues</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="272"/>
        <source>%1 has no missing units to decide on.</source>
        <translation>%1 n&apos;a pas d&apos;unités manquantes en attente de décision.</translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <location filename="../qml/TransfersPage.qml" line="13"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation>Transferts</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="123"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation>Annuler %1 ?</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="124"/>
        <source>Nothing has left %1 yet; the transfer will not happen.</source>
        <comment>@info</comment>
        <translation>Rien n&apos;a encore quitté %1 ; le transfert n&apos;aura pas lieu.</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="131"/>
        <source>Write off the missing units of %1?</source>
        <comment>@title:window</comment>
        <translation>Passer en perte les unités manquantes de %1 ?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="132"/>
        <source>%n unit(s) reported missing stop counting as in transit and are written off. This cannot be undone.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unité déclarée manquante n&apos;est plus comptée en transit et est passée en perte. Cette action est irréversible.</numerusform>
            <numerusform>%n unités déclarées manquantes ne sont plus comptées en transit et sont passées en perte. Cette action est irréversible.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="158"/>
        <source>Show transfers by status (Ctrl+F)</source>
        <comment>@label</comment>
        <translation>Afficher les transferts par statut (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="161"/>
        <source>New transfer…</source>
        <comment>@action:button</comment>
        <translation>Nouveau transfert…</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="166"/>
        <source>New transfer</source>
        <comment>@action:button</comment>
        <translation>Nouveau transfert</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="171"/>
        <source>%n transfer(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n transfert</numerusform>
            <numerusform>%n transferts</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="186"/>
        <source>Transfer</source>
        <comment>@title:column</comment>
        <translation>Transfert</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="186"/>
        <source>From → to</source>
        <comment>@title:column</comment>
        <translation>De → à</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="187"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="187"/>
        <source>Date</source>
        <comment>@title:column shipped, requested or created</comment>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="188"/>
        <source>Arrived</source>
        <comment>@title:column arrived / sent units</comment>
        <translation>Arrivé</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="188"/>
        <location filename="../qml/TransfersPage.qml" line="356"/>
        <source>Missing</source>
        <comment>@title:column</comment>
        <translation>Manquant</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="190"/>
        <source>No transfers here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation>Aucun transfert ici. Ctrl+N en crée un.</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="204"/>
        <source>No transfer selected</source>
        <comment>@info</comment>
        <translation>Aucun transfert sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="228"/>
        <source>created by %1, %2</source>
        <comment>@info</comment>
        <translation>création : %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="229"/>
        <source>requested %1</source>
        <comment>@info</comment>
        <translation>demandé le %1</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="230"/>
        <source>shipped by %1, %2</source>
        <comment>@info</comment>
        <translation>expédié par %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="231"/>
        <source>received %1</source>
        <comment>@info</comment>
        <translation>réceptionné le %1</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="240"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation>Note : %1</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="248"/>
        <source>⚠ Not enough available at %1 to ship: %2</source>
        <comment>@info</comment>
        <translation>⚠ Disponible insuffisant à %1 pour expédier : %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="267"/>
        <source>%n unit(s) reported missing, waiting for a manager: approve writes them off, reject keeps them in transit.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unité déclarée manquante, en attente d&apos;un responsable : approuver la passe en perte, rejeter la maintient en transit.</numerusform>
            <numerusform>%n unités déclarées manquantes, en attente d&apos;un responsable : approuver les passe en perte, rejeter les maintient en transit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="282"/>
        <source>Request</source>
        <comment>@action:button ask the source to send it</comment>
        <translation>Demander</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="288"/>
        <source>Ship</source>
        <comment>@action:button</comment>
        <translation>Expédier</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="295"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation>Réceptionner…</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="302"/>
        <source>Approve missing…</source>
        <comment>@action:button write the missing units off</comment>
        <translation>Approuver les manquants…</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="308"/>
        <source>Reject missing</source>
        <comment>@action:button the missing units are still expected</comment>
        <translation>Rejeter les manquants</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="314"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation>Annuler…</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="330"/>
        <source>%n unit(s) to send from %1</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unité à envoyer depuis %1</numerusform>
            <numerusform>%n unités à envoyer depuis %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="331"/>
        <source>Sent %1 · arrived %2 · missing %3 · written off %4 · in transit %5</source>
        <comment>@info totals</comment>
        <translation>Envoyé %1 · arrivé %2 · manquant %3 · passé en perte %4 · en transit %5</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="343"/>
        <source>Missing: </source>
        <comment>@info prefix of the reason units are missing</comment>
        <translation>Manquant : </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="346"/>
        <location filename="../qml/TransfersPage.qml" line="352"/>
        <source>SKU</source>
        <comment>@title:column</comment>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="347"/>
        <location filename="../qml/TransfersPage.qml" line="353"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="348"/>
        <source>Qty</source>
        <comment>@title:column</comment>
        <translation>Qté</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="349"/>
        <source>Available</source>
        <comment>@title:column at the source</comment>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="350"/>
        <source>Short</source>
        <comment>@title:column</comment>
        <translation>Manquant</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="354"/>
        <source>Sent</source>
        <comment>@title:column</comment>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="355"/>
        <source>Arrived</source>
        <comment>@title:column</comment>
        <translation>Arrivé</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="357"/>
        <source>Written off</source>
        <comment>@title:column</comment>
        <translation>En perte</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="358"/>
        <source>In transit</source>
        <comment>@title:column</comment>
        <translation>En transit</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="368"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation>Dernière modification par %1, %2</translation>
    </message>
</context>
<context>
    <name>UserService</name>
    <message>
        <location filename="../src/services/userservice.cpp" line="97"/>
        <source>A password needs at least 8 characters.</source>
        <translation>Un mot de passe doit comporter au moins 8 caractères.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="100"/>
        <source>A password can have at most 1,024 characters.</source>
        <translation>Un mot de passe peut comporter au plus 1 024 caractères.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="103"/>
        <source>The password cannot be the user name.</source>
        <translation>Le mot de passe ne peut pas être le nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="106"/>
        <source>A password cannot contain a NUL character.</source>
        <translation>Un mot de passe ne peut pas contenir de caractère NUL.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="114"/>
        <source>A user needs a name to sign in with.</source>
        <translation>Un utilisateur doit avoir un nom pour se connecter.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="117"/>
        <source>A user name cannot start or end with a space.</source>
        <translation>Un nom d&apos;utilisateur ne peut ni commencer ni se terminer par une espace.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="120"/>
        <source>A user name can have at most 64 characters.</source>
        <translation>Un nom d&apos;utilisateur peut comporter au plus 64 caractères.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="126"/>
        <source>A user name cannot contain control or invisible characters.</source>
        <translation>Un nom d&apos;utilisateur ne peut pas contenir de caractères de contrôle ou invisibles.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="143"/>
        <source>This database has users: sign in first.</source>
        <translation>Cette base de données a des utilisateurs : connectez-vous d&apos;abord.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/userservice.cpp" line="163"/>
        <source>Too many wrong passwords for %1: try again in %n second(s).</source>
        <translation>
            <numerusform>Trop de mots de passe erronés pour %1 : réessayez dans %n seconde.</numerusform>
            <numerusform>Trop de mots de passe erronés pour %1 : réessayez dans %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="177"/>
        <source>Wrong user name or password.</source>
        <translation>Nom d&apos;utilisateur ou mot de passe incorrect.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="187"/>
        <source>unknown user name</source>
        <translation>nom d&apos;utilisateur inconnu</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/userservice.cpp" line="210"/>
        <source>wrong password (%n in a row)</source>
        <translation>
            <numerusform>mot de passe erroné (%n de suite)</numerusform>
            <numerusform>mot de passe erroné (%n de suite)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="211"/>
        <source>account disabled</source>
        <translation>compte désactivé</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="229"/>
        <source>signed in (stays signed in on %1)</source>
        <translation>connecté (reste connecté sur %1)</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="230"/>
        <source>signed in</source>
        <translation>connecté</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="245"/>
        <source>Sign in again.</source>
        <translation>Reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="251"/>
        <source>This desktop&apos;s sign-in has expired or was revoked: sign in again.</source>
        <translation>La connexion de ce poste a expiré ou a été révoquée : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="269"/>
        <location filename="../src/services/userservice.cpp" line="298"/>
        <source>Adding a user</source>
        <translation>Ajouter un utilisateur</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="272"/>
        <source>The first user of a database must be an administrator.</source>
        <translation>Le premier utilisateur d&apos;une base de données doit être un administrateur.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="281"/>
        <source>A full name can have at most 200 characters and no NUL.</source>
        <translation>Un nom complet peut comporter au plus 200 caractères, sans caractère NUL.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="302"/>
        <source>There is a user %1 already.</source>
        <translation>L&apos;utilisateur %1 existe déjà.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="308"/>
        <source>user %1 added as %2</source>
        <translation>utilisateur %1 ajouté en tant que %2</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="319"/>
        <source>Listing users</source>
        <translation>Lister les utilisateurs</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="332"/>
        <source>%1 is the last active administrator: make someone else an administrator first.</source>
        <translation>%1 est le dernier administrateur actif : nommez d&apos;abord un autre administrateur.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="345"/>
        <source>Setting another user&apos;s password</source>
        <translation>Définir le mot de passe d&apos;un autre utilisateur</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="351"/>
        <location filename="../src/services/userservice.cpp" line="364"/>
        <location filename="../src/services/userservice.cpp" line="410"/>
        <source>There is no user %1.</source>
        <translation>L&apos;utilisateur %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="358"/>
        <source>The current password is not right.</source>
        <translation>Le mot de passe actuel est incorrect.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="374"/>
        <source>changed own password</source>
        <translation>a changé son propre mot de passe</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="375"/>
        <source>password of %1 set by an administrator</source>
        <translation>mot de passe de %1 défini par un administrateur</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="381"/>
        <source>Changing a user&apos;s role</source>
        <translation>Modifier le rôle d&apos;un utilisateur</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="384"/>
        <source>%1 is now %2</source>
        <translation>%1 est maintenant %2</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="390"/>
        <source>Enabling a user</source>
        <translation>Activer un utilisateur</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="391"/>
        <source>Disabling a user</source>
        <translation>Désactiver un utilisateur</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="395"/>
        <source>%1 may sign in again</source>
        <translation>%1 peut de nouveau se connecter</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="396"/>
        <source>%1 can no longer sign in</source>
        <translation>%1 ne peut plus se connecter</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../qml/UsersDialog.qml" line="21"/>
        <source>Users</source>
        <comment>@title:window</comment>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="21"/>
        <source>My password</source>
        <comment>@title:window</comment>
        <translation>Mon mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="73"/>
        <location filename="../qml/UsersDialog.qml" line="132"/>
        <source>clerk</source>
        <comment>@item:inlistbox role</comment>
        <translation>employé</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="73"/>
        <location filename="../qml/UsersDialog.qml" line="132"/>
        <source>manager</source>
        <comment>@item:inlistbox role</comment>
        <translation>responsable</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="73"/>
        <location filename="../qml/UsersDialog.qml" line="132"/>
        <source>administrator</source>
        <comment>@item:inlistbox role</comment>
        <translation>administrateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="77"/>
        <source>Role of %1</source>
        <comment>@label:listbox</comment>
        <translation>Rôle de %1</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="82"/>
        <source>active</source>
        <comment>@info user state</comment>
        <translation>actif</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="82"/>
        <source>disabled</source>
        <comment>@info user state</comment>
        <translation>désactivé</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="86"/>
        <source>Disable</source>
        <comment>@action:button</comment>
        <translation>Désactiver</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="86"/>
        <source>Enable</source>
        <comment>@action:button</comment>
        <translation>Activer</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="91"/>
        <source>Password…</source>
        <comment>@action:button</comment>
        <translation>Mot de passe…</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="103"/>
        <source>Add a user</source>
        <comment>@title:group</comment>
        <translation>Ajouter un utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="115"/>
        <source>user name</source>
        <comment>@info:placeholder</comment>
        <translation>nom d&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="117"/>
        <source>New user&apos;s name</source>
        <comment>@label:textbox</comment>
        <translation>Nom du nouvel utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="124"/>
        <source>full name</source>
        <comment>@info:placeholder</comment>
        <translation>nom complet</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="126"/>
        <source>New user&apos;s full name</source>
        <comment>@label:textbox</comment>
        <translation>Nom complet du nouvel utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="133"/>
        <source>New user&apos;s role</source>
        <comment>@label:listbox</comment>
        <translation>Rôle du nouvel utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="142"/>
        <source>password (8 characters or more)</source>
        <comment>@info:placeholder</comment>
        <translation>mot de passe (8 caractères ou plus)</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="143"/>
        <source>New user&apos;s password</source>
        <comment>@label:textbox</comment>
        <translation>Mot de passe du nouvel utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="151"/>
        <source>repeat password</source>
        <comment>@info:placeholder</comment>
        <translation>répéter le mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="152"/>
        <source>Repeat the new user&apos;s password</source>
        <comment>@label:textbox</comment>
        <translation>Répétez le mot de passe du nouvel utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="156"/>
        <source>Add user</source>
        <comment>@action:button</comment>
        <translation>Ajouter l&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="166"/>
        <source>Change my password</source>
        <comment>@title:group</comment>
        <translation>Changer mon mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="172"/>
        <location filename="../qml/UsersDialog.qml" line="173"/>
        <source>Current password</source>
        <comment>@label:textbox</comment>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="174"/>
        <location filename="../qml/UsersDialog.qml" line="175"/>
        <location filename="../qml/UsersDialog.qml" line="214"/>
        <source>New password</source>
        <comment>@label:textbox</comment>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="176"/>
        <source>Repeat</source>
        <comment>@label:textbox</comment>
        <translation>Répéter</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="177"/>
        <location filename="../qml/UsersDialog.qml" line="215"/>
        <source>Repeat the new password</source>
        <comment>@label:textbox</comment>
        <translation>Répétez le nouveau mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="180"/>
        <source>Change password</source>
        <comment>@action:button</comment>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="204"/>
        <source>Set the password of %1</source>
        <comment>@title:window</comment>
        <translation>Définir le mot de passe de %1</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="214"/>
        <source>new password</source>
        <comment>@info:placeholder</comment>
        <translation>nouveau mot de passe</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="215"/>
        <source>repeat</source>
        <comment>@info:placeholder</comment>
        <translation>répéter</translation>
    </message>
</context>
<context>
    <name>ZplLabel</name>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="36"/>
        <source>Label printers print at 152, 203, 300 or 600 dpi, not %1.</source>
        <translation>Les imprimantes d&apos;étiquettes impriment en 152, 203, 300 ou 600 dpi, et non en %1.</translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="41"/>
        <source>Order %1 has no tracking number to print.</source>
        <translation>La commande %1 n&apos;a pas de numéro de suivi à imprimer.</translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="45"/>
        <source>A ZPL barcode takes 1 to 80 ASCII characters other than &quot;&gt;&quot;, not &quot;%1&quot;.</source>
        <translation>Un code-barres ZPL comporte de 1 à 80 caractères ASCII autres que « &gt; », et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="217"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/ui/main.cpp" line="81"/>
        <source>Order and inventory management.</source>
        <translation>Gestion des commandes et des stocks.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="85"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db.</source>
        <translation>Base de données : un fichier, sqlite:PATH ou postgresql://user@host:port/db.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="90"/>
        <source>Language of the interface (en, de, fr, es); not saved.</source>
        <translation>Langue de l&apos;interface (en, de, fr, es) ; non enregistrée.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="94"/>
        <source>Render a view to a PNG file and exit.</source>
        <translation>Rendre une vue dans un fichier PNG et quitter.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="97"/>
        <source>The view to open: %1.</source>
        <translation>La vue à ouvrir : %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="100"/>
        <source>Window size, e.g. 1400x900.</source>
        <translation>Taille de la fenêtre, p. ex. 1400x900.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="104"/>
        <source>With --screenshot: wait this long after the data arrived (live changes show up meanwhile).</source>
        <translation>Avec --screenshot : attendre ce délai après l&apos;arrivée des données (les modifications en direct s&apos;affichent entre-temps).</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="110"/>
        <source>Start the inventory view with this search.</source>
        <translation>Ouvrir la vue Stock avec cette recherche.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="114"/>
        <source>Open this document in its view: SO-…, PO-…, TR-… or SC-….</source>
        <translation>Ouvrir ce document dans sa vue : SO-…, PO-…, TR-… ou SC-….</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="118"/>
        <source>With --screenshot: sign in as this user with the password in $STOCKROOM_PASSWORD (a database without users needs none).</source>
        <translation>Avec --screenshot : se connecter en tant que cet utilisateur avec le mot de passe de $STOCKROOM_PASSWORD (inutile pour une base de données sans utilisateurs).</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="124"/>
        <source>Open a dialog at start: connection; signin (the sign-in window); users; settings; help (the shortcuts); pack, ship, return, receive or track (the first order shown), import (a carrier file), import-orders (a shop&apos;s order export), sku-aliases, new-order; with --view receiving or transfers: new, receive (the first one that can be); with --view counts: start; with --view inventory: new-product, product (the editor of --product), import (products and stock from a file), locations; with --view orders or inventory: export; with --view channels: feed-settings (of the first channel); with --view dashboard: replenish.</source>
        <translation>Ouvrir une boîte de dialogue au démarrage : connection ; signin (la fenêtre de connexion) ; users ; settings ; help (les raccourcis) ; pack, ship, return, receive ou track (la première commande affichée), import (un fichier de transporteur), import-orders (un export de commandes d&apos;une boutique), sku-aliases, new-order ; avec --view receiving ou transfers : new, receive (le premier qui peut l&apos;être) ; avec --view counts : start ; avec --view inventory : new-product, product (l&apos;éditeur de --product), import (articles et stock depuis un fichier), locations ; avec --view orders ou inventory : export ; avec --view channels : feed-settings (du premier canal de vente) ; avec --view dashboard : replenish.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="138"/>
        <source>Open this product (a SKU) in the inventory or forecast view; with --dialog new-order, the order&apos;s lines as SKU:QTY,SKU:QTY.</source>
        <translation>Ouvrir cet article (un SKU) dans la vue Stock ou Prévision ; avec --dialog new-order, les lignes de la commande sous la forme SKU:QTY,SKU:QTY.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="144"/>
        <source>With --view forecast: the tab to show: forecast, atp or whatif.</source>
        <translation>Avec --view forecast : l&apos;onglet à afficher : forecast, atp ou whatif.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="148"/>
        <source>With --view forecast: the location (its code) instead of all.</source>
        <translation>Avec --view forecast : l&apos;emplacement (son code) au lieu de tous.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="152"/>
        <source>Choose this product or stock file for the inventory view&apos;s import and preview it (with --dialog import, for screenshots); with --dialog import-orders, this order export for the orders view&apos;s.</source>
        <translation>Choisir ce fichier d&apos;articles ou de stock pour l&apos;importation de la vue Stock et l&apos;afficher en aperçu (avec --dialog import, pour les captures d&apos;écran) ; avec --dialog import-orders, cet export de commandes pour celle de la vue Commandes.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="164"/>
        <source>unknown view &quot;%1&quot;; use one of %2.</source>
        <translation>vue inconnue « %1 » ; utilisez l&apos;une des suivantes : %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="172"/>
        <source>--size takes WIDTHxHEIGHT, e.g. 1400x900.</source>
        <translation>--size attend LARGEURxHAUTEUR, p. ex. 1400x900.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="208"/>
        <source>cannot write the screenshot %1.</source>
        <translation>impossible d&apos;écrire la capture d&apos;écran %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="260"/>
        <location filename="../src/ui/main.cpp" line="360"/>
        <source>the interface failed to load.</source>
        <translation>le chargement de l&apos;interface a échoué.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="265"/>
        <source>the interface has no window.</source>
        <translation>l&apos;interface n&apos;a pas de fenêtre.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="338"/>
        <source>--tab takes forecast, atp or whatif.</source>
        <translation>--tab attend forecast, atp ou whatif.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="386"/>
        <source>the data did not arrive within 30 s.</source>
        <translation>les données ne sont pas arrivées dans les 30 s.</translation>
    </message>
</context>
<context>
    <name>stockroomctl</name>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="35"/>
        <source>Backed up %1 to %2 (schema version %3).</source>
        <translation>%1 sauvegardé dans %2 (version de schéma %3).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="56"/>
        <source>Today&apos;s backup written: %1.</source>
        <translation>Sauvegarde du jour écrite : %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="57"/>
        <source>Today&apos;s backup was already there: %1.</source>
        <translation>La sauvegarde du jour existait déjà : %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="60"/>
        <source>Deleted the old backup %1.</source>
        <translation>Ancienne sauvegarde %1 supprimée.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="69"/>
        <source>backup takes either --out FILE or --daily.</source>
        <translation>backup attend soit --out FILE, soit --daily.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="72"/>
        <source>Making a backup</source>
        <translation>Créer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="80"/>
        <source>restore needs --from FILE: a backup that stockroomctl backup wrote.</source>
        <translation>restore nécessite --from FILE : une sauvegarde écrite par stockroomctl backup.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="88"/>
        <source>The database was not changed.</source>
        <translation>La base de données n&apos;a pas été modifiée.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="99"/>
        <source>%1 is a Stockroom backup (schema version %2, %3 products, %4 orders). Restoring it replaces everything in %5 (a copy of it as it is now is kept first). Nothing was changed: run again with --yes to restore.</source>
        <translation>%1 est une sauvegarde Stockroom (version de schéma %2, %3 articles, %4 commandes). La restaurer remplace tout le contenu de %5 (une copie de son état actuel est d&apos;abord conservée). Rien n&apos;a été modifié : relancez avec --yes pour restaurer.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="111"/>
        <source>Restoring a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="117"/>
        <source>restored from %1 (before: %2)</source>
        <translation>restauré depuis %1 (avant : %2)</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="129"/>
        <source>Restored %1 from %2 (%3 products, %4 orders).</source>
        <translation>%1 restauré depuis %2 (%3 articles, %4 commandes).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="135"/>
        <source>The backup had schema version %1 and was brought up to version %2.</source>
        <translation>La sauvegarde avait la version de schéma %1 et a été mise à niveau vers la version %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="140"/>
        <source>The database as it was before is in %1: restore that file to undo.</source>
        <translation>La base de données dans son état antérieur se trouve dans %1 : restaurez ce fichier pour annuler.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="152"/>
        <source>Back up the SQLite database while it is in use: --out FILE, or --daily with rotation.</source>
        <translation>Sauvegarder la base de données SQLite pendant son utilisation : --out FILE, ou --daily avec rotation.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="154"/>
        <source>Write a backup to this file.</source>
        <translation>Écrire une sauvegarde dans ce fichier.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="157"/>
        <source>Write today&apos;s stockroom-YYYY-MM-DD.db unless it exists, then delete the oldest beyond --keep (for cron).</source>
        <translation>Écrire la sauvegarde du jour stockroom-YYYY-MM-DD.db si elle n&apos;existe pas, puis supprimer les plus anciennes au-delà de --keep (pour cron).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="160"/>
        <source>With --daily: daily backups to keep (default 7).</source>
        <translation>Avec --daily : nombre de sauvegardes quotidiennes à conserver (7 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="162"/>
        <source>With --daily: the folder (default: backups beside the database).</source>
        <translation>Avec --daily : le dossier (par défaut : backups à côté de la base de données).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="167"/>
        <source>Replace the SQLite database by a backup; keeps a copy of it first (--yes to confirm).</source>
        <translation>Remplacer la base de données SQLite par une sauvegarde ; en conserve d&apos;abord une copie (--yes pour confirmer).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="169"/>
        <source>The backup to restore.</source>
        <translation>La sauvegarde à restaurer.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="170"/>
        <source>Restore (without it: check the file only).</source>
        <translation>Restaurer (sans cette option : vérifier uniquement le fichier).</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="43"/>
        <location filename="../src/cli/commands.cpp" line="694"/>
        <location filename="../src/cli/commands.cpp" line="900"/>
        <source>stockroomctl: %1</source>
        <translation>stockroomctl : %1</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="54"/>
        <source>stockroomctl: warning: %1</source>
        <translation>stockroomctl : avertissement : %1</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="63"/>
        <source>%1 does not take --%2.</source>
        <translation>%1 n&apos;accepte pas --%2.</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="90"/>
        <source>--%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 doit être un nombre entier de %2 à %3, et non « %4 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="114"/>
        <source>--%1 takes an amount like 12.50 (a dot, at most two decimals), not &quot;%2&quot;.</source>
        <translation>--%1 attend un montant comme 12.50 (avec un point, au plus deux décimales), et non « %2 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="137"/>
        <source>--%1 takes %2, not &quot;%3&quot;.</source>
        <translation>--%1 attend %2, et non « %3 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="60"/>
        <source>%1 at %2: %3 on hand, %4 reserved, %5 available.</source>
        <translation>%1 à %2 : %3 en stock, %4 réservés, %5 disponibles.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="75"/>
        <source>--weight takes kilograms like 0.9 or 12.345 (a dot, at most three decimals), not &quot;%1&quot;.</source>
        <translation>--weight attend des kilogrammes comme 0.9 ou 12.345 (avec un point, au plus trois décimales), et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="109"/>
        <source>Database %1 is ready (schema version %2).</source>
        <translation>La base de données %1 est prête (version de schéma %2).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="124"/>
        <source>--seed must be a whole number.</source>
        <translation>--seed doit être un nombre entier.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="137"/>
        <source>--end-date must be a date like 2026-11-26.</source>
        <translation>--end-date doit être une date comme 2026-11-26.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="149"/>
        <source><byte value="xd"/>demo: day %1 of %2</source>
        <translation>&lt;byte value=&quot;xd&quot;/&gt;démo : jour %1 sur %2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="161"/>
        <source><byte value="xd"/>demo: %1 of %2 archived orders</source>
        <translation>&lt;byte value=&quot;xd&quot;/&gt;démo : %1 commandes archivées sur %2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="188"/>
        <source>Demo data: %1 products at %2 locations, %3 orders (%4 lines; %5 shipped, %6 backordered at placement, %7 cancelled), %8 receipts in %9 s.</source>
        <translation>Données de démonstration : %1 articles dans %2 emplacements, %3 commandes (%4 lignes ; %5 expédiées, %6 en attente de stock à la création, %7 annulées), %8 réceptions en %9 s.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="202"/>
        <source>Archived orders before them: %1.</source>
        <translation>Commandes archivées antérieures : %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="213"/>
        <source>receive needs --sku, --location and --qty.</source>
        <translation>receive nécessite --sku, --location et --qty.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="227"/>
        <source>adjust needs --sku, --location, --delta and --reason.</source>
        <translation>adjust nécessite --sku, --location, --delta et --reason.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="241"/>
        <source>place-order needs at least one --line SKU:QTY.</source>
        <translation>place-order nécessite au moins une --line SKU:QTY.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="248"/>
        <source>--line takes SKU:QTY, not &quot;%1&quot;.</source>
        <translation>--line attend SKU:QTY, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="316"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2 : %3</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="321"/>
        <source>%1 from %2</source>
        <translation>%1 depuis %2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="324"/>
        <source>%1 backordered</source>
        <translation>%1 en attente de stock</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="340"/>
        <source>cancel-order takes one order number.</source>
        <translation>cancel-order attend un numéro de commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="349"/>
        <location filename="../src/cli/commands.cpp" line="386"/>
        <location filename="../src/cli/commands.cpp" line="736"/>
        <location filename="../src/cli/commands.cpp" line="747"/>
        <source>%1 is %2.</source>
        <translation>%1 est %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="358"/>
        <source>ship-order takes one order number.</source>
        <translation>ship-order attend un numéro de commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="388"/>
        <source>  shipment %1 from %2: %3 units</source>
        <translation>  expédition %1 depuis %2 : %3 unités</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="425"/>
        <location filename="../src/cli/exportcommands.cpp" line="148"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1020"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1037"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="426"/>
        <location filename="../src/cli/exportcommands.cpp" line="149"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1288"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1345"/>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="427"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1289"/>
        <source>On hand</source>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="428"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1290"/>
        <source>Reserved</source>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="429"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="430"/>
        <source>On order</source>
        <translation>En commande</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="431"/>
        <source>In transit</source>
        <translation>En transit</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="456"/>
        <source>All invariants hold.</source>
        <translation>Tous les invariants sont respectés.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="470"/>
        <location filename="../src/cli/commands.cpp" line="532"/>
        <source>There is no order %1.</source>
        <translation>La commande %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="476"/>
        <source>Order %1 has not shipped yet: ship it first.</source>
        <translation>La commande %1 n&apos;a pas encore été expédiée : expédiez-la d&apos;abord.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="487"/>
        <source>label takes one order number and --out FILE.pdf, --zpl FILE.zpl or both.</source>
        <translation>label attend un numéro de commande et --out FILE.pdf, --zpl FILE.zpl ou les deux.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="513"/>
        <source>Label for %1 written to %2.</source>
        <translation>Étiquette de %1 écrite dans %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="516"/>
        <source>ZPL label for %1 (%2 dpi) written to %3.</source>
        <translation>Étiquette ZPL de %1 (%2 dpi) écrite dans %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="527"/>
        <source>packing-slip takes one order number and --out FILE.pdf.</source>
        <translation>packing-slip attend un numéro de commande et --out FILE.pdf.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="557"/>
        <source>Packing slip for %1 written to %2.</source>
        <translation>Bon de livraison de %1 écrit dans %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="572"/>
        <source>--after takes a change sequence number.</source>
        <translation>--after attend un numéro de séquence de modification.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="603"/>
        <source>stockroomctl: watch: %1 (retrying)</source>
        <translation>stockroomctl : watch : %1 (nouvelle tentative)</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="622"/>
        <source>Removed %1 change log rows older than %2 days.</source>
        <translation>%1 lignes du journal des modifications de plus de %2 jours supprimées.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="633"/>
        <source>pay takes one order number.</source>
        <translation>pay attend un numéro de commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="639"/>
        <source>pay takes one of --authorize, --void and --refund.</source>
        <translation>pay attend l&apos;une des options --authorize, --void et --refund.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="642"/>
        <source>--amount is what is paid; a refund takes its amount as --refund AMOUNT.</source>
        <translation>--amount est le montant payé ; pour un remboursement, le montant se donne avec --refund AMOUNT.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="645"/>
        <source>--note goes with --refund.</source>
        <translation>--note va avec --refund.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="674"/>
        <location filename="../src/cli/commands.cpp" line="1150"/>
        <source>%1: payment %2 (%3 paid, %4 refunded, total %5).</source>
        <translation>%1 : paiement %2 (%3 payé, %4 remboursé, total %5).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="718"/>
        <source>hold takes one or more order numbers and --reason TEXT.</source>
        <translation>hold attend un ou plusieurs numéros de commande et --reason TEXT.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="724"/>
        <source>%1 is on hold: %2.</source>
        <translation>%1 est suspendue : %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="731"/>
        <source>unhold takes one or more order numbers.</source>
        <translation>unhold attend un ou plusieurs numéros de commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="742"/>
        <source>release takes one or more order numbers.</source>
        <translation>release attend un ou plusieurs numéros de commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="757"/>
        <source>pick-list takes --location CODE and --out FILE.pdf.</source>
        <translation>pick-list attend --location CODE et --out FILE.pdf.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="767"/>
        <source>--paper takes a4 or letter, not &quot;%1&quot;.</source>
        <translation>--paper attend a4 ou letter, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="787"/>
        <source>Pick list for %1 written to %2 (lines: %3, units: %4, orders: %5).</source>
        <translation>Liste de préparation de %1 écrite dans %2 (lignes : %3, unités : %4, commandes : %5).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="800"/>
        <source>pack takes one order number and --scan BARCODE (repeat for more).</source>
        <translation>pack attend un numéro de commande et --scan BARCODE (à répéter pour en ajouter).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="830"/>
        <source>%1 is %2: all %3 units packed.</source>
        <translation>%1 est %2 : les %3 unités sont emballées.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="833"/>
        <source>%1 is %2: %3 of %4 units packed.</source>
        <translation>%1 est %2 : %3 unités sur %4 emballées.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="842"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="867"/>
        <source>track validate takes one tracking number.</source>
        <translation>track validate attend un numéro de suivi.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="883"/>
        <source>%1: %2 (%3)</source>
        <translation>%1 : %2 (%3)</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="891"/>
        <source>%1: no known carrier&apos;s format</source>
        <translation>%1 : aucun format de transporteur connu</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="894"/>
        <source>%1 has no format we know; check it with the carrier.</source>
        <translation>%1 n&apos;a pas de format connu ; vérifiez-le auprès du transporteur.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="907"/>
        <source>track add takes one tracking number and --status STATUS.</source>
        <translation>track add attend un numéro de suivi et --status STATUS.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="925"/>
        <source>%1: this event is recorded already; %2 is %3.</source>
        <translation>%1 : cet événement est déjà enregistré ; %2 est %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="929"/>
        <source>%1 is %2; %3 is %4.</source>
        <translation>%1 est %2 ; %3 est %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="940"/>
        <source>track import takes one CSV file.</source>
        <translation>track import attend un fichier CSV.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="965"/>
        <source>no shipment has tracking number &quot;%1&quot;.</source>
        <translation>aucune expédition n&apos;a le numéro de suivi « %1 ».</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/commands.cpp" line="983"/>
        <location filename="../src/cli/inventorycommands.cpp" line="265"/>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%1 : %n problème ; rien n&apos;a été importé.</numerusform>
            <numerusform>%1 : %n problèmes ; rien n&apos;a été importé.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="996"/>
        <source>%1: events %2, added %3, duplicates %4, state kept %5 (older or out of sequence), orders delivered %6.</source>
        <translation>%1 : événements %2, ajoutés %3, doublons %4, état conservé %5 (plus ancien ou hors séquence), commandes livrées %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1022"/>
        <source>track takes add NUMBER --status S, import FILE or validate NUMBER.</source>
        <translation>track attend add NUMBER --status S, import FILE ou validate NUMBER.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1049"/>
        <source>%1 for %2 is %3.</source>
        <translation>%1 pour %2 est %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1052"/>
        <source>Reason: %1.</source>
        <translation>Motif : %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1056"/>
        <source>  %1 × %2: %3 restocked, %4 written off, %5 open</source>
        <translation>  %1 × %2 : %3 remis en stock, %4 passés en perte, %5 en cours</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1065"/>
        <source>  %1 restocked units went to waiting backorders.</source>
        <translation>  %1 unités remises en stock sont allées aux commandes en attente.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1074"/>
        <source>return create takes one order number and --line SKU:QTY (repeat for more).</source>
        <translation>return create attend un numéro de commande et --line SKU:QTY (à répéter pour en ajouter).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1097"/>
        <source>return receive takes one return number and --restock SKU:QTY@LOCATION or --writeoff SKU:QTY:REASON (repeat for more).</source>
        <translation>return receive attend un numéro de retour et --restock SKU:QTY@LOCATION ou --writeoff SKU:QTY:REASON (à répéter pour en ajouter).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1105"/>
        <source>--restock takes SKU:QTY@LOCATION, not &quot;%1&quot;.</source>
        <translation>--restock attend SKU:QTY@LOCATION, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1117"/>
        <source>--writeoff takes SKU:QTY:REASON (%1), not &quot;%2&quot;.</source>
        <translation>--writeoff attend SKU:QTY:REASON (%1), et non « %2 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1135"/>
        <source>return refund takes one return number.</source>
        <translation>return refund attend un numéro de retour.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1175"/>
        <source>return cancel takes one return number.</source>
        <translation>return cancel attend un numéro de retour.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1184"/>
        <source>return show takes one return number.</source>
        <translation>return show attend un numéro de retour.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1191"/>
        <source>return takes create ORDER, receive RMA, refund RMA, cancel RMA or show RMA.</source>
        <translation>return attend create ORDER, receive RMA, refund RMA, cancel RMA ou show RMA.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1286"/>
        <source>%1 is %2; payment %3 (%4 paid, %5 refunded, total %6).</source>
        <translation>%1 est %2 ; paiement %3 (%4 payé, %5 remboursé, total %6).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1290"/>
        <source>Channel %1%2; customer %3; region %4.</source>
        <translation>Canal de vente %1%2 ; client %3 ; région %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1293"/>
        <location filename="../src/cli/commands.cpp" line="1294"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1296"/>
        <source>Placed %1; version %2, last changed by %3 at %4.</source>
        <translation>Passée le %1 ; version %2, dernière modification par %3 le %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1302"/>
        <source>On hold: %1.</source>
        <translation>Suspendue : %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1305"/>
        <source>Routing: %1</source>
        <translation>Affectation : %1</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1308"/>
        <source>Rules: %1; ships from %2.</source>
        <translation>Règles : %1 ; expédiée depuis %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1309"/>
        <location filename="../src/cli/commands.cpp" line="1433"/>
        <source>pays later</source>
        <translation>paie plus tard</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1309"/>
        <location filename="../src/cli/commands.cpp" line="1433"/>
        <source>pays first</source>
        <translation>paie d&apos;abord</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1310"/>
        <location filename="../src/cli/commands.cpp" line="1434"/>
        <source>any location</source>
        <translation>tout emplacement</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1314"/>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1318"/>
        <source>  %1. %2 × %3 %4 at %5: %6 shipped, %7 backordered, %8 cancelled, %9 returned</source>
        <translation>  %1. %2 × %3 %4 à %5 : %6 expédiés, %7 en attente de stock, %8 annulés, %9 retournés</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1329"/>
        <source>Allocations</source>
        <translation>Allocations</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1331"/>
        <source>  %1 × %2 at %3, %4 packed</source>
        <translation>  %1 × %2 à %3, %4 emballés</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1339"/>
        <source>Shipments</source>
        <translation>Expéditions</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1344"/>
        <source>  %1 from %2: %3 units, %4%5</source>
        <translation>  %1 depuis %2 : %3 unités, %4%5</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1363"/>
        <source>Returns</source>
        <translation>Retours</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1372"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1383"/>
        <source>order takes one order number.</source>
        <translation>order attend un numéro de commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1409"/>
        <source>--pay-later takes yes or no, not &quot;%1&quot;.</source>
        <translation>--pay-later attend yes ou no, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1442"/>
        <source>channel takes one channel name.</source>
        <translation>channel attend un nom de canal de vente.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1451"/>
        <source>There is no channel &quot;%1&quot;.</source>
        <translation>Le canal de vente « %1 » n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1456"/>
        <source>Channel %1: %2; ships from %3.</source>
        <translation>Canal de vente %1 : %2 ; expédie depuis %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1463"/>
        <source>customer takes one customer name.</source>
        <translation>customer attend un nom de client.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1477"/>
        <source>There is no customer &quot;%1&quot;.</source>
        <translation>Il n&apos;existe pas de client « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1484"/>
        <source>Customer %1: %2; ships from %3.</source>
        <translation>Client %1 : %2 ; expédié depuis %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1494"/>
        <source>bin takes --sku SKU, --location CODE and --bin CODE (empty to clear).</source>
        <translation>bin attend --sku SKU, --location CODE et --bin CODE (vide pour effacer).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1504"/>
        <source>%1 at %2 has no bin now.</source>
        <translation>%1 à %2 n&apos;a plus de casier.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1506"/>
        <source>%1 at %2 is in bin %3.</source>
        <translation>%1 à %2 est dans le casier %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1516"/>
        <source>Create or upgrade the database schema.</source>
        <translation>Créer ou mettre à niveau le schéma de la base de données.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1517"/>
        <source>Fill an empty database with deterministic demo data.</source>
        <translation>Remplir une base de données vide avec des données de démonstration déterministes.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1519"/>
        <source>Random seed (default 42).</source>
        <translation>Graine aléatoire (42 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1520"/>
        <source>Number of products (default 40).</source>
        <translation>Nombre d&apos;articles (40 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1522"/>
        <source>Number of locations (default 3).</source>
        <translation>Nombre d&apos;emplacements (3 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1524"/>
        <source>Days of order history (default 730).</source>
        <translation>Jours d&apos;historique de commandes (730 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1526"/>
        <source>Last day of the history (default yesterday).</source>
        <translation>Dernier jour de l&apos;historique (par défaut : hier).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1529"/>
        <source>Also add N archived (delivered) orders before the history, e.g. 1000000.</source>
        <translation>Ajouter aussi N commandes archivées (livrées) avant l&apos;historique, p. ex. 1000000.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1533"/>
        <source>Book a receipt of stock.</source>
        <translation>Enregistrer une réception de stock.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1535"/>
        <location filename="../src/cli/commands.cpp" line="1543"/>
        <location filename="../src/cli/commands.cpp" line="1689"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1378"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1418"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1502"/>
        <location filename="../src/cli/planningcommands.cpp" line="379"/>
        <source>Product SKU.</source>
        <translation>SKU de l&apos;article.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1536"/>
        <location filename="../src/cli/commands.cpp" line="1544"/>
        <location filename="../src/cli/commands.cpp" line="1615"/>
        <location filename="../src/cli/commands.cpp" line="1690"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1404"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1419"/>
        <source>Location code.</source>
        <translation>Code de l&apos;emplacement.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1537"/>
        <source>Units received.</source>
        <translation>Unités réceptionnées.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1538"/>
        <source>Free text for the ledger.</source>
        <translation>Texte libre pour le journal des stocks.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1541"/>
        <source>Correct stock on hand, with a reason.</source>
        <translation>Corriger la quantité en stock, avec un motif.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1545"/>
        <source>Units to add (positive) or take off (negative).</source>
        <translation>Unités à ajouter (positif) ou à retirer (négatif).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1547"/>
        <source>Why (kept in the ledger).</source>
        <translation>Motif (conservé dans le journal des stocks).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1551"/>
        <source>Place an order: reserve, route, backorder.</source>
        <translation>Passer une commande : réserver, affecter, mettre en attente de stock.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1553"/>
        <source>An order line; repeat for more lines.</source>
        <translation>Une ligne de commande ; à répéter pour plus de lignes.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1555"/>
        <source>Sales channel (default manual).</source>
        <translation>Canal de vente (manual par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1557"/>
        <source>The channel&apos;s order id (imports once only).</source>
        <translation>L&apos;identifiant de commande du canal de vente (importée une seule fois).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1559"/>
        <source>Customer name.</source>
        <translation>Nom du client.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1561"/>
        <source>Ship-to postcode: among locations of equal priority, the nearest ships.</source>
        <translation>Code postal de livraison : parmi les emplacements de même priorité, le plus proche expédie.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1563"/>
        <source>The customer&apos;s e-mail address (new customers).</source>
        <translation>L&apos;adresse e-mail du client (nouveaux clients).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1565"/>
        <source>Ship-to region, breaks ties between locations.</source>
        <translation>Région de livraison ; départage les emplacements.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1567"/>
        <source>Payment state (default pending).</source>
        <translation>État du paiement (pending par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1571"/>
        <source>Cancel an open order and release its stock.</source>
        <translation>Annuler une commande ouverte et libérer son stock.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1574"/>
        <location filename="../src/cli/commands.cpp" line="1585"/>
        <location filename="../src/cli/commands.cpp" line="1599"/>
        <source>Refuse if the order is no longer at this version.</source>
        <translation>Refuser si la commande n&apos;est plus à cette version.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1577"/>
        <source>Ship what is allocated to an order.</source>
        <translation>Expédier ce qui est alloué à une commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1579"/>
        <source>Carrier.</source>
        <translation>Transporteur.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1580"/>
        <source>Carrier service.</source>
        <translation>Service du transporteur.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1581"/>
        <source>Tracking number.</source>
        <translation>Numéro de suivi.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1582"/>
        <source>Parcel weight in kilograms (e.g. 0.9).</source>
        <translation>Poids du colis en kilogrammes (p. ex. 0.9).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1588"/>
        <source>Take the payment of an order, or authorize, void or refund it.</source>
        <translation>Encaisser le paiement d&apos;une commande, ou l&apos;autoriser, l&apos;annuler ou le rembourser.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1591"/>
        <source>The amount paid, e.g. 12.50 (default: the total).</source>
        <translation>Le montant payé, p. ex. 12.50 (par défaut : le total).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1592"/>
        <source>Only authorize the payment.</source>
        <translation>Autoriser uniquement le paiement.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1593"/>
        <source>Void a pending or authorized payment.</source>
        <translation>Annuler un paiement en attente ou autorisé.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1594"/>
        <source>Refund this amount of a paid order.</source>
        <translation>Rembourser ce montant d&apos;une commande payée.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1596"/>
        <source>Why (kept in the order&apos;s history; with --refund).</source>
        <translation>Motif (conservé dans l&apos;historique de la commande ; avec --refund).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1602"/>
        <source>Put orders on hold, keeping their reservations.</source>
        <translation>Suspendre des commandes en conservant leurs réservations.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1604"/>
        <source>Why (e.g. &quot;address check&quot;).</source>
        <translation>Motif (p. ex. « vérification de l&apos;adresse »).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1608"/>
        <source>Take orders off hold.</source>
        <translation>Reprendre des commandes suspendues.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1610"/>
        <source>Release paid (or pay-later) orders for picking.</source>
        <translation>Lancer en préparation les commandes payées (ou à paiement différé).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1613"/>
        <source>Write the pick list of a location as PDF.</source>
        <translation>Écrire la liste de préparation d&apos;un emplacement en PDF.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1616"/>
        <location filename="../src/cli/commands.cpp" line="1709"/>
        <location filename="../src/cli/commands.cpp" line="1719"/>
        <source>The PDF file to write.</source>
        <translation>Le fichier PDF à écrire.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1617"/>
        <source>a4 or letter (default: by locale).</source>
        <translation>a4 ou letter (par défaut : selon les paramètres régionaux).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1622"/>
        <source>Pack an order by scanning its items (without --scan: the progress).</source>
        <translation>Emballer une commande en scannant ses articles (sans --scan : l&apos;avancement).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1624"/>
        <source>A scanned SKU or GTIN; repeat for more.</source>
        <translation>Un SKU ou GTIN scanné ; à répéter pour en ajouter.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1629"/>
        <source>Show an order in full: lines, allocations, shipments, returns, history.</source>
        <translation>Afficher une commande en entier : lignes, allocations, expéditions, retours, historique.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1634"/>
        <source>Tracking: add NUMBER --status S, import FILE.csv, validate NUMBER.</source>
        <translation>Suivi : add NUMBER --status S, import FILE.csv, validate NUMBER.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1636"/>
        <source>add: the parcel&apos;s state or the carrier&apos;s words.</source>
        <translation>add : l&apos;état du colis ou les termes du transporteur.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1639"/>
        <source>add: when (ISO 8601; UTC without an offset; default now).</source>
        <translation>add : quand (ISO 8601 ; UTC sans décalage ; maintenant par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1641"/>
        <source>add: where.</source>
        <translation>add : où.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1642"/>
        <source>add: the carrier&apos;s description.</source>
        <translation>add : la description du transporteur.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1650"/>
        <source>Returns: create ORDER, receive RMA, refund RMA, show RMA.</source>
        <translation>Retours : create ORDER, receive RMA, refund RMA, show RMA.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1652"/>
        <source>create: a returned line; repeat for more.</source>
        <translation>create : une ligne retournée ; à répéter pour plus de lignes.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1654"/>
        <source>create: why the customer sends it back.</source>
        <translation>create : pourquoi le client la renvoie.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1657"/>
        <source>receive: units back on a shelf; repeat for more.</source>
        <translation>receive : unités remises en rayon ; à répéter pour en ajouter.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1660"/>
        <source>receive: units written off (damaged, expired, lost); repeat for more.</source>
        <translation>receive : unités passées en perte (endommagées, périmées, perdues) ; à répéter pour en ajouter.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1663"/>
        <source>refund: the amount (default: the lines at the prices paid).</source>
        <translation>refund : le montant (par défaut : les lignes aux prix payés).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1668"/>
        <source>Show or set a sales channel&apos;s rules; set NAME or list: its stock feed&apos;s settings.</source>
        <translation>Afficher ou définir les règles d&apos;un canal de vente ; set NAME ou list : les paramètres de son flux de stock.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1670"/>
        <source>Whether its orders may ship before payment.</source>
        <translation>Si ses commandes peuvent être expédiées avant paiement.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1673"/>
        <source>The only locations it ships from, comma-separated (&quot;&quot; for any).</source>
        <translation>Les seuls emplacements depuis lesquels il expédie, séparés par des virgules (&quot;&quot; pour tous).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1678"/>
        <source>Show or set a customer&apos;s rules (pay later, ships only from).</source>
        <translation>Afficher ou définir les règles d&apos;un client (paiement différé, expédition uniquement depuis).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1680"/>
        <source>Whether their orders may ship before payment.</source>
        <translation>Si ses commandes peuvent être expédiées avant paiement.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1683"/>
        <source>The only locations their orders ship from, comma-separated (&quot;&quot; for any).</source>
        <translation>Les seuls emplacements depuis lesquels ses commandes sont expédiées, séparés par des virgules (&quot;&quot; pour tous).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1687"/>
        <source>Set the bin a product is picked from at a location.</source>
        <translation>Définir le casier de prélèvement d&apos;un article dans un emplacement.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1691"/>
        <source>The bin, e.g. A-03 (empty to clear).</source>
        <translation>Le casier, p. ex. A-03 (vide pour effacer).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1695"/>
        <source>Show on hand, reserved and available per product and location.</source>
        <translation>Afficher en stock, réservé et disponible par article et par emplacement.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1697"/>
        <source>Only this SKU.</source>
        <translation>Uniquement ce SKU.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1698"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1503"/>
        <source>Only this location.</source>
        <translation>Uniquement cet emplacement.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1699"/>
        <source>Print CSV.</source>
        <translation>Afficher en CSV.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1703"/>
        <source>Verify every invariant of the ledger; exit 0 only when all hold.</source>
        <translation>Vérifier chaque invariant du journal des stocks ; code de sortie 0 uniquement si tous sont respectés.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1707"/>
        <source>Write the 4×6 inch shipping label of a shipped order as PDF and/or ZPL.</source>
        <translation>Écrire l&apos;étiquette d&apos;expédition 4×6 pouces d&apos;une commande expédiée en PDF et/ou ZPL.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1710"/>
        <source>The ZPL file to write (thermal label printers).</source>
        <translation>Le fichier ZPL à écrire (imprimantes d&apos;étiquettes thermiques).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1712"/>
        <source>The label printer&apos;s resolution (default 203).</source>
        <translation>La résolution de l&apos;imprimante d&apos;étiquettes (203 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1717"/>
        <source>Write the packing slip of an order as PDF (A4 or Letter by locale).</source>
        <translation>Écrire le bon de livraison d&apos;une commande en PDF (A4 ou Letter selon les paramètres régionaux).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1722"/>
        <source>Print every committed change as one JSON line as it arrives.</source>
        <translation>Afficher chaque modification validée sous forme d&apos;une ligne JSON dès son arrivée.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1724"/>
        <source>Exit after N changes.</source>
        <translation>Quitter après N modifications.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1725"/>
        <source>Start after this change number (default: now).</source>
        <translation>Commencer après ce numéro de modification (par défaut : maintenant).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1728"/>
        <source>SQLite: how often to look for commits (default 25).</source>
        <translation>SQLite : fréquence de recherche des validations (25 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1732"/>
        <source>Delete old change log rows (desktops that were away longer reload).</source>
        <translation>Supprimer les anciennes lignes du journal des modifications (les postes absents plus longtemps rechargent tout).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1734"/>
        <source>Keep this many days (default 30).</source>
        <translation>Conserver ce nombre de jours (30 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1752"/>
        <source>Usage: stockroomctl [--db CONN] COMMAND [options]

Commands:
</source>
        <translation>Utilisation : stockroomctl [--db CONN] COMMAND [options]

Commandes :
</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1757"/>
        <source>Same as %1.</source>
        <translation>Identique à %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1760"/>
        <source>
CONN: a file path, sqlite:PATH or postgresql://user[:password]@host[:port]/dbname.
Exit codes: 0 done, 1 refused, 2 usage error, 3 database error.
</source>
        <translation>
CONN : un chemin de fichier, sqlite:PATH ou postgresql://user[:password]@host[:port]/dbname.
Codes de sortie : 0 terminé, 1 refusé, 2 erreur d&apos;utilisation, 3 erreur de base de données.
</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1793"/>
        <source>stockroomctl: unknown command &quot;%1&quot;.</source>
        <translation>stockroomctl : commande inconnue « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1803"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db (default: stockroom.db in the data folder; or $STOCKROOM_DB).</source>
        <translation>Base de données : un fichier, sqlite:PATH ou postgresql://user@host:port/db (par défaut : stockroom.db dans le dossier de données ; ou $STOCKROOM_DB).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1806"/>
        <source>Print the result as JSON.</source>
        <translation>Afficher le résultat en JSON.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1809"/>
        <source>Sign in as this user (default: $STOCKROOM_USER; on a database without users, who is acting, default $USER).</source>
        <translation>Se connecter en tant que cet utilisateur (par défaut : $STOCKROOM_USER ; sur une base de données sans utilisateurs : qui agit, par défaut $USER).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1813"/>
        <source>Read the password from the first line of this file (else $STOCKROOM_PASSWORD, or a prompt on a terminal).</source>
        <translation>Lire le mot de passe sur la première ligne de ce fichier (sinon $STOCKROOM_PASSWORD, ou une invite dans un terminal).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="41"/>
        <location filename="../src/cli/inventorycommands.cpp" line="36"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1030"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1055"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1056"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1057"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1058"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="52"/>
        <source>export takes one of orders, stock, ledger or products, and --out FILE.</source>
        <translation>export attend orders, stock, ledger ou products, et --out FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="56"/>
        <source>export needs --out FILE (- for standard output).</source>
        <translation>export nécessite --out FILE (- pour la sortie standard).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="62"/>
        <source>--since goes with export orders and export ledger; %1 are exported as they are now.</source>
        <translation>--since va avec export orders et export ledger ; %1 sont exportés dans leur état actuel.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="68"/>
        <source>--since: %1</source>
        <translation>--since : %1</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="75"/>
        <source>--json goes with --out FILE: with --out - the CSV is the output.</source>
        <translation>--json va avec --out FILE : avec --out -, c&apos;est le CSV qui est la sortie.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="81"/>
        <source>Cannot write to standard output: %1</source>
        <translation>Impossible d&apos;écrire sur la sortie standard : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/exportcommands.cpp" line="96"/>
        <source>Exported %1: %n row(s) to %2.</source>
        <translation>
            <numerusform>%1 exporté : %n ligne vers %2.</numerusform>
            <numerusform>%1 exporté : %n lignes vers %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="112"/>
        <source>--%1 takes csv or shopify-inventory, not &quot;%2&quot;.</source>
        <translation>--%1 attend csv ou shopify-inventory, et non « %2 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="150"/>
        <source>Last</source>
        <translation>Dernier</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="151"/>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="156"/>
        <source>(total)</source>
        <translation>(total)</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="163"/>
        <source>no feed was written yet</source>
        <translation>aucun flux n&apos;a encore été écrit</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="164"/>
        <source>since the last feed (%1 by %2)</source>
        <translation>depuis le dernier flux (%1 par %2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/exportcommands.cpp" line="165"/>
        <source>Feed of %1 (%2): %n number(s) of %3 SKU(s) would change, %4. Dry run: nothing was written.</source>
        <translation>
            <numerusform>Flux de %1 (%2) : %n quantité sur %3 SKU changerait, %4. Simulation : rien n&apos;a été écrit.</numerusform>
            <numerusform>Flux de %1 (%2) : %n quantités sur %3 SKU changeraient, %4. Simulation : rien n&apos;a été écrit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="178"/>
        <source>feed takes --channel C and --out FILE (or --dry-run), no other arguments.</source>
        <translation>feed attend --channel C et --out FILE (ou --dry-run), sans autre argument.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="182"/>
        <source>feed needs --channel C.</source>
        <translation>feed nécessite --channel C.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="190"/>
        <source>feed needs --out FILE (or --dry-run to see what would change).</source>
        <translation>feed nécessite --out FILE (ou --dry-run pour voir ce qui changerait).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="193"/>
        <source>feed writes a file, which it replaces only once the feed is complete and recorded: give --out FILE, not -.</source>
        <translation>feed écrit un fichier, qu&apos;il ne remplace qu&apos;une fois le flux complet et enregistré : indiquez --out FILE, et non -.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="208"/>
        <source>Feed of %1 (%2) written to %3: %4 rows, %5 SKUs; %6 numbers of %7 SKUs changed since the last feed.</source>
        <translation>Flux de %1 (%2) écrit dans %3 : %4 lignes, %5 SKU ; %6 quantités sur %7 SKU modifiées depuis le dernier flux.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="230"/>
        <source>--%1 takes a whole number, not &quot;%2&quot;.</source>
        <translation>--%1 attend un nombre entier, et non « %2 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="252"/>
        <source>every active location</source>
        <translation>tous les emplacements actifs</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="259"/>
        <source>channel set takes one channel name.</source>
        <translation>channel set attend un nom de canal de vente.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="263"/>
        <source>--%1 goes with channel NAME (its fulfilment rules), not with channel set.</source>
        <translation>--%1 va avec channel NAME (ses règles d&apos;exécution), et non avec channel set.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="281"/>
        <source>Channel %1: feed as %2 from %3, holding back %4 units and %5 %.</source>
        <translation>Canal de vente %1 : flux au format %2 depuis %3, en retenant %4 unités et %5 %.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="292"/>
        <source>channel list takes no other arguments.</source>
        <translation>channel list n&apos;accepte aucun autre argument.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="296"/>
        <source>channel list does not take --%1.</source>
        <translation>channel list n&apos;accepte pas --%1.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="311"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="312"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="313"/>
        <source>Buffer</source>
        <translation>Tampon</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="314"/>
        <source>Locations</source>
        <translation>Emplacements</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="315"/>
        <source>Last feed</source>
        <translation>Dernier flux</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="316"/>
        <source>Changed SKUs</source>
        <translation>SKU modifiés</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="325"/>
        <source>all active</source>
        <translation>tous les actifs</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="329"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="330"/>
        <location filename="../src/cli/inventorycommands.cpp" line="751"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1005"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1007"/>
        <source>%1 by %2</source>
        <translation>%1 par %2</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="342"/>
        <source>set: units the feed holds back of every number.</source>
        <translation>set : unités que le flux retient sur chaque quantité.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="345"/>
        <source>set: percent (rounded up) the feed holds back of every number.</source>
        <translation>set : pourcentage (arrondi au supérieur) que le flux retient sur chaque quantité.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="348"/>
        <source>set: the locations the feed reports, comma-separated (&quot;&quot; for every active one).</source>
        <translation>set : les emplacements couverts par le flux, séparés par des virgules (&quot;&quot; pour tous les emplacements actifs).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="350"/>
        <source>set: csv or shopify-inventory.</source>
        <translation>set : csv ou shopify-inventory.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="364"/>
        <source>--%1 goes with channel set NAME.</source>
        <translation>--%1 va avec channel set NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="373"/>
        <source>Write orders, stock, ledger or products as CSV: export KIND --out FILE.</source>
        <translation>Écrire les commandes, le stock, le journal des stocks ou les articles en CSV : export KIND --out FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="375"/>
        <source>The CSV file to write (- for standard output).</source>
        <translation>Le fichier CSV à écrire (- pour la sortie standard).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="378"/>
        <source>orders: placed or updated since; ledger: movements since (UTC).</source>
        <translation>orders : passées ou mises à jour depuis ; ledger : mouvements depuis (UTC).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="383"/>
        <source>Write a channel&apos;s stock feed (available to sell) in the platform&apos;s format.</source>
        <translation>Écrire le flux de stock d&apos;un canal de vente (disponible à la vente) au format de la plateforme.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="385"/>
        <source>The sales channel.</source>
        <translation>Le canal de vente.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="387"/>
        <source>csv or shopify-inventory (default: the channel&apos;s).</source>
        <translation>csv ou shopify-inventory (par défaut : celui du canal de vente).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="389"/>
        <source>The file to write.</source>
        <translation>Le fichier à écrire.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="391"/>
        <source>Show what would change since the last feed, write nothing.</source>
        <translation>Afficher ce qui changerait depuis le dernier flux, sans rien écrire.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="33"/>
        <source>--input FILE.csv names the series to forecast (columns series_id,period,value).</source>
        <translation>--input FILE.csv désigne les séries à prévoir (colonnes series_id,period,value).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="40"/>
        <source>%1: %n problem(s); nothing was forecast.</source>
        <translation>
            <numerusform>%1 : %n problème ; aucune prévision n&apos;a été faite.</numerusform>
            <numerusform>%1 : %n problèmes ; aucune prévision n&apos;a été faite.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="56"/>
        <source>--%1: &quot;%2&quot; is not a method; known: %3</source>
        <translation>--%1 : « %2 » n&apos;est pas une méthode ; méthodes connues : %3</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="83"/>
        <source>--frequency takes day, week or month, not &quot;%1&quot;.</source>
        <translation>--frequency attend day, week ou month, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="150"/>
        <location filename="../src/cli/planningcommands.cpp" line="314"/>
        <source>all locations</source>
        <translation>tous les emplacements</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="151"/>
        <source>%1 at %2: %n period(s) of history (%3, %4 stockout), method %5</source>
        <translation>
            <numerusform>%1 à %2 : %n période d&apos;historique (%3, %4 en rupture de stock), méthode %5</numerusform>
            <numerusform>%1 à %2 : %n périodes d&apos;historique (%3, %4 en rupture de stock), méthode %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="158"/>
        <source>Backtest over %n origin(s): MASE %1, sMAPE %2 %, bias %3</source>
        <translation>
            <numerusform>Backtest sur %n origine : MASE %1, sMAPE %2 %, biais %3</numerusform>
            <numerusform>Backtest sur %n origines : MASE %1, sMAPE %2 %, biais %3</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="165"/>
        <source>period</source>
        <translation>période</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="166"/>
        <source>mean</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="167"/>
        <source>80 %</source>
        <translation>80 %</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="168"/>
        <source>95 %</source>
        <translation>95 %</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="188"/>
        <source>forecast takes either --input FILE.csv or --sku S, not both.</source>
        <translation>forecast attend soit --input FILE.csv, soit --sku S, mais pas les deux.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="193"/>
        <source>forecast needs --input FILE.csv (series_id,period,value) or --sku S.</source>
        <translation>forecast nécessite --input FILE.csv (series_id,period,value) ou --sku S.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="197"/>
        <source>forecast needs --horizon H, the number of periods ahead.</source>
        <translation>forecast nécessite --horizon H, le nombre de périodes à prévoir.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="203"/>
        <source>forecast needs --out FILE.csv (- for standard output).</source>
        <translation>forecast nécessite --out FILE.csv (- pour la sortie standard).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="220"/>
        <source>Cannot write to standard output.</source>
        <translation>Impossible d&apos;écrire sur la sortie standard.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="228"/>
        <location filename="../src/cli/forecastcommands.cpp" line="381"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="249"/>
        <source>Forecast %n series (%1, season %2) %3 period(s) ahead in %4 s (reading %5 s) to %6.</source>
        <translation>
            <numerusform>Prévision de %n série (%1, saisonnalité %2) sur %3 période(s) en %4 s (lecture %5 s) vers %6.</numerusform>
            <numerusform>Prévision de %n séries (%1, saisonnalité %2) sur %3 période(s) en %4 s (lecture %5 s) vers %6.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="287"/>
        <source>backtest needs --horizon H, the number of periods ahead.</source>
        <translation>backtest nécessite --horizon H, le nombre de périodes à prévoir.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="303"/>
        <source>--methods: &quot;%1&quot; is not a method; known: %2</source>
        <translation>--methods : « %1 » n&apos;est pas une méthode ; méthodes connues : %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="310"/>
        <source>%n series, horizon %1, %2 origin(s) %3 period(s) apart, MASE lag %4</source>
        <translation>
            <numerusform>%n série, horizon %1, %2 origine(s) espacée(s) de %3 période(s), décalage MASE %4</numerusform>
            <numerusform>%n séries, horizon %1, %2 origine(s) espacée(s) de %3 période(s), décalage MASE %4</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="318"/>
        <source>method</source>
        <translation>méthode</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="319"/>
        <source>MASE</source>
        <translation>MASE</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="320"/>
        <source>median</source>
        <translation>médiane</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="321"/>
        <source>sMAPE</source>
        <translation>sMAPE</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="322"/>
        <source>bias</source>
        <translation>biais</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="323"/>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="392"/>
        <source>Series file: series_id,period,value (period: number or ISO date).</source>
        <translation>Fichier de séries : series_id,period,value (period : nombre ou date ISO).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="394"/>
        <source>Periods ahead.</source>
        <translation>Périodes à prévoir.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="396"/>
        <source>Periods per seasonal cycle (default from the dates: 7, 52, 12 or 4; else 1).</source>
        <translation>Périodes par cycle saisonnier (par défaut d&apos;après les dates : 7, 52, 12 ou 4 ; sinon 1).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="398"/>
        <source>Threads (default: one per core).</source>
        <translation>Fils d&apos;exécution (par défaut : un par cœur).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="409"/>
        <source>Forecast demand series: forecast --input FILE.csv --horizon H --out FILE.csv.</source>
        <translation>Prévoir des séries de demande : forecast --input FILE.csv --horizon H --out FILE.csv.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="414"/>
        <source>auto (default), ets, naive, snaive, ses, holt, holt_damped, croston, sba, tsb, an ETS model such as ETS(M,Ad,A), …</source>
        <translation>auto (par défaut), ets, naive, snaive, ses, holt, holt_damped, croston, sba, tsb, un modèle ETS comme ETS(M,Ad,A), …</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="419"/>
        <source>Where to write series_id,step,mean,lo80,hi80,lo95,hi95,method (- for standard output).</source>
        <translation>Où écrire series_id,step,mean,lo80,hi80,lo95,hi95,method (- pour la sortie standard).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="423"/>
        <source>Forecast this product&apos;s demand from the database.</source>
        <translation>Prévoir la demande de cet article à partir de la base de données.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="424"/>
        <source>With --sku: one location (default: all).</source>
        <translation>Avec --sku : un emplacement (par défaut : tous).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="426"/>
        <source>With --sku: day, week (default) or month.</source>
        <translation>Avec --sku : day, week (par défaut) ou month.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="429"/>
        <source>With --sku: periods of history to learn from (default 104 weeks).</source>
        <translation>Avec --sku : périodes d&apos;historique servant à l&apos;apprentissage (104 semaines par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="436"/>
        <source>Rolling-origin accuracy of forecasting methods: MASE, sMAPE and bias per method.</source>
        <translation>Précision à origine glissante des méthodes de prévision : MASE, sMAPE et biais par méthode.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="440"/>
        <source>Comma-separated methods (default: all families).</source>
        <translation>Méthodes séparées par des virgules (par défaut : toutes les familles).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="441"/>
        <source>Forecast origins per series (default 1).</source>
        <translation>Origines de prévision par série (1 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="443"/>
        <source>Periods between origins (default: the horizon).</source>
        <translation>Périodes entre les origines (par défaut : l&apos;horizon).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="446"/>
        <source>Also write each series&apos; scores per method to this CSV file.</source>
        <translation>Écrire aussi les scores de chaque série par méthode dans ce fichier CSV.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="449"/>
        <source>Lag of the seasonal naive error that scales MASE (default: the season).</source>
        <translation>Décalage de l&apos;erreur naïve saisonnière qui normalise le MASE (par défaut : la saisonnalité).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="33"/>
        <source>import orders takes one file.</source>
        <translation>import orders attend un fichier.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="41"/>
        <source>--format takes auto, shopify, woocommerce, amazon, ebay, etsy or stockroom, not &quot;%1&quot;.</source>
        <translation>--format attend auto, shopify, woocommerce, amazon, ebay, etsy ou stockroom, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="88"/>
        <source>%1 (%2): %3 rows; %4 units reserved, %5 backordered; %6 line(s) skipped (nothing to send); %7 s.</source>
        <translation>%1 (%2) : %3 lignes ; %4 unités réservées, %5 en attente de stock ; %6 ligne(s) ignorée(s) (rien à envoyer) ; %7 s.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="99"/>
        <source>  line %1: %2%3: %4</source>
        <translation>  ligne %1 : %2%3 : %4</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="103"/>
        <source>Unknown SKUs: %1. Map each to one of ours: stockroomctl alias set &quot;THEIRS&quot; OURS --channel %2</source>
        <translation>SKU inconnus : %1. Associez chacun à l&apos;un des nôtres : stockroomctl alias set &quot;THEIRS&quot; OURS --channel %2</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="117"/>
        <source>import takes orders FILE (products and stock: product import FILE).</source>
        <translation>import attend orders FILE (articles et stock : product import FILE).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="145"/>
        <source>No SKU aliases.</source>
        <translation>Aucun alias de SKU.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="148"/>
        <source>%1 → %2 (%3), %4</source>
        <translation>%1 → %2 (%3), %4</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="149"/>
        <location filename="../src/cli/importcommands.cpp" line="170"/>
        <source>every channel</source>
        <translation>tous les canaux de vente</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="158"/>
        <source>alias set takes THEIR-SKU-OR-NAME OUR-SKU [--channel C].</source>
        <translation>alias set attend THEIR-SKU-OR-NAME OUR-SKU [--channel C].</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/importcommands.cpp" line="168"/>
        <source>%1 is now %2 (%3); %n waiting order line(s) resolved.</source>
        <translation>
            <numerusform>%1 correspond maintenant à %2 (%3) ; %n ligne de commande à associer résolue.</numerusform>
            <numerusform>%1 correspond maintenant à %2 (%3) ; %n lignes de commande à associer résolues.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="177"/>
        <source>alias remove takes THEIR-SKU-OR-NAME [--channel C].</source>
        <translation>alias remove attend THEIR-SKU-OR-NAME [--channel C].</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="181"/>
        <source>Alias %1 removed.</source>
        <translation>Alias %1 supprimé.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="205"/>
        <source>No order line waits for a SKU mapping.</source>
        <translation>Aucune ligne de commande n&apos;attend d&apos;association de SKU.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="208"/>
        <source>%1 (%2 %3) line %4: %5 × %6</source>
        <translation>%1 (%2 %3) ligne %4 : %5 × %6</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="222"/>
        <source>alias drop takes ORDER LINE (a line waiting for a SKU mapping).</source>
        <translation>alias drop attend ORDER LINE (une ligne en attente d&apos;association de SKU).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="228"/>
        <source>Line %1 dropped from %2; the order is %3 now.</source>
        <translation>Ligne %1 écartée de %2 ; la commande est maintenant %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="233"/>
        <source>alias takes list, set THEIRS OURS, remove THEIRS, waiting [ORDER] or drop ORDER LINE.</source>
        <translation>alias attend list, set THEIRS OURS, remove THEIRS, waiting [ORDER] ou drop ORDER LINE.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="244"/>
        <source>Import orders FILE from a shop platform (Shopify, WooCommerce, Amazon, eBay, Etsy, ours).</source>
        <translation>Importer les commandes d&apos;un fichier (orders FILE) issu d&apos;une plateforme de vente (Shopify, WooCommerce, Amazon, eBay, Etsy, la nôtre).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="247"/>
        <source>auto (default), shopify, woocommerce, amazon, ebay, etsy or stockroom.</source>
        <translation>auto (par défaut), shopify, woocommerce, amazon, ebay, etsy ou stockroom.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="250"/>
        <source>The channel the orders belong to (default: the platform&apos;s name).</source>
        <translation>Le canal de vente auquel appartiennent les commandes (par défaut : le nom de la plateforme).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="252"/>
        <source>Report what would happen; change nothing.</source>
        <translation>Indiquer ce qui se passerait ; ne rien modifier.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="256"/>
        <source>SKU aliases: list, set THEIRS OURS, remove THEIRS, waiting [ORDER], drop ORDER LINE.</source>
        <translation>Alias de SKU : list, set THEIRS OURS, remove THEIRS, waiting [ORDER], drop ORDER LINE.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="258"/>
        <source>The channel the alias is for (default: every channel).</source>
        <translation>Le canal de vente concerné par l&apos;alias (par défaut : tous les canaux de vente).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="29"/>
        <source>%1 takes one %2 number.</source>
        <translation>%1 attend un numéro de %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="78"/>
        <source>--line takes SKU:QTY[:COST], not &quot;%1&quot;.</source>
        <translation>--line attend SKU:QTY[:COST], et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="118"/>
        <source>  barcode %1; cost %2 (average %3); price %4; %5 g; %6.</source>
        <translation>  code-barres %1 ; coût %2 (moyen %3) ; prix %4 ; %5 g ; %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="122"/>
        <location filename="../src/cli/usercommands.cpp" line="115"/>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="122"/>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="156"/>
        <source>A product is --active or --inactive, not both.</source>
        <translation>Un article est --active ou --inactive, pas les deux.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="179"/>
        <source>product add takes --sku SKU and --name NAME.</source>
        <translation>product add attend --sku SKU et --name NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="186"/>
        <source>Added %1: %2.</source>
        <translation>%1 ajouté : %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="195"/>
        <source>product update takes --sku SKU and the options to change.</source>
        <translation>product update attend --sku SKU et les options à modifier.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="201"/>
        <source>Updated %1: %2.</source>
        <translation>%1 mis à jour : %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="212"/>
        <source>product import takes one file.</source>
        <translation>product import attend un fichier.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="220"/>
        <source>--format takes auto, stockroom, stockroom-stock, shopify-products or shopify-inventory, not &quot;%1&quot;.</source>
        <translation>--format attend auto, stockroom, stockroom-stock, shopify-products ou shopify-inventory, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="233"/>
        <source>--map takes &quot;NAME IN THE FILE=CODE&quot;, not &quot;%1&quot;.</source>
        <translation>--map attend &quot;NOM DANS LE FICHIER=CODE&quot;, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="259"/>
        <source>Give the location for rows without one with --location CODE, and say which of ours a location of the file is with --map &quot;NAME=CODE&quot;.</source>
        <translation>Indiquez l&apos;emplacement des lignes qui n&apos;en ont pas avec --location CODE, et à quel emplacement chez nous correspond un emplacement du fichier avec --map &quot;NAME=CODE&quot;.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="287"/>
        <source>%1 (%2): %3 rows; products %4 created, %5 updated, %6 unchanged; %7 stock levels set, %8 units in, %9 units out; %10 s.</source>
        <translation>%1 (%2) : %3 lignes ; articles : %4 créés, %5 mis à jour, %6 inchangés ; %7 niveaux de stock définis, %8 unités en entrée, %9 unités en sortie ; %10 s.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="300"/>
        <source>Dry run: nothing was changed.</source>
        <translation>Simulation : rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="302"/>
        <source>Ledger reference: %1.</source>
        <translation>Référence du journal des stocks : %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="321"/>
        <source>product takes add, update or import FILE.</source>
        <translation>product attend add, update ou import FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="382"/>
        <source>  %1, priority %2; postcode %3, region %4; address %5.</source>
        <translation>  %1, priorité %2 ; code postal %3, région %4 ; adresse %5.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="396"/>
        <source>location add takes --code CODE and --name NAME.</source>
        <translation>location add attend --code CODE et --name NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="403"/>
        <source>Added location %1: %2.</source>
        <translation>Emplacement %1 ajouté : %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="409"/>
        <source>location update takes --code CODE and the options to change.</source>
        <translation>location update attend --code CODE et les options à modifier.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="414"/>
        <source>Updated location %1: %2.</source>
        <translation>Emplacement %1 mis à jour : %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="417"/>
        <source>location takes add or update.</source>
        <translation>location attend add ou update.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="428"/>
        <source>stock-settings takes --sku SKU, --location CODE and --bin, --reorder-point or --reorder-qty.</source>
        <translation>stock-settings attend --sku SKU, --location CODE et --bin, --reorder-point ou --reorder-qty.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="474"/>
        <source>no bin</source>
        <translation>aucun casier</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="474"/>
        <source>bin %1</source>
        <translation>casier %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="477"/>
        <source>reorder point %1</source>
        <translation>point de commande %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="480"/>
        <source>reorder quantity %1</source>
        <translation>quantité de réapprovisionnement %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="482"/>
        <source>%1 at %2: %3.</source>
        <translation>%1 à %2 : %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="505"/>
        <source>supplier add takes --name NAME.</source>
        <translation>supplier add attend --name NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="514"/>
        <source>Added supplier %1 (%2; lead time %3 days).</source>
        <translation>Fournisseur %1 ajouté (%2 ; délai d&apos;approvisionnement %3 jours).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="535"/>
        <source>%1 (%2; lead time %3 days)</source>
        <translation>%1 (%2 ; délai d&apos;approvisionnement %3 jours)</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="542"/>
        <source>supplier takes add or list.</source>
        <translation>supplier attend add ou list.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="584"/>
        <source>%1 from %2 for %3 is %4; expected %5; version %6.</source>
        <translation>%1 de %2 pour %3 est %4 ; attendue le %5 ; version %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="588"/>
        <source>Created by %1 at %2; ordered %3; closed %4; last changed by %5 at %6.</source>
        <translation>Créée par %1 le %2 ; commandée : %3 ; clôturée : %4 ; dernière modification par %5 le %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="593"/>
        <location filename="../src/cli/inventorycommands.cpp" line="755"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1010"/>
        <source>Note: %1</source>
        <translation>Note : %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="598"/>
        <source>, %1 over</source>
        <translation>, %1 en trop</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="600"/>
        <source>, %1 short</source>
        <translation>, %1 manquants</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="602"/>
        <source>  %1. %2 %3: %4 ordered, %5 received%6, at %7</source>
        <translation>  %1. %2 %3 : %4 commandés, %5 réceptionnés%6, à %7</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="620"/>
        <location filename="../src/cli/inventorycommands.cpp" line="785"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1075"/>
        <source>%1 is %2 (version %3).</source>
        <translation>%1 est %2 (version %3).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="640"/>
        <source>po create takes --supplier NAME, --location CODE and --line SKU:QTY[:COST] (repeat for more).</source>
        <translation>po create attend --supplier NAME, --location CODE et --line SKU:QTY[:COST] (à répéter pour en ajouter).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="659"/>
        <source>%1 is a draft: %n line(s), %2 units from %3 for %4.</source>
        <translation>
            <numerusform>%1 est un brouillon : %n ligne, %2 unités de %3 pour %4.</numerusform>
            <numerusform>%1 est un brouillon : %n lignes, %2 unités de %3 pour %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="671"/>
        <location filename="../src/cli/inventorycommands.cpp" line="684"/>
        <location filename="../src/cli/inventorycommands.cpp" line="695"/>
        <source>purchase order</source>
        <translation>commande fournisseur</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="674"/>
        <source>po receive takes --line SKU:QTY (repeat for more).</source>
        <translation>po receive attend --line SKU:QTY (à répéter pour en ajouter).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="701"/>
        <source>po takes create, order PO, receive PO, close PO, cancel PO or show PO.</source>
        <translation>po attend create, order PO, receive PO, close PO, cancel PO ou show PO.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="743"/>
        <source>%1 from %2 to %3 is %4; version %5.</source>
        <translation>%1 de %2 vers %3 est %4 ; version %5.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="747"/>
        <source>Created by %1 at %2; requested %3; shipped %4; received %5.</source>
        <translation>Créé par %1 le %2 ; demandé : %3 ; expédié : %4 ; réceptionné : %5.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="760"/>
        <source>, %1 missing, %2 written off</source>
        <translation>, %1 manquants, %2 passés en perte</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="765"/>
        <source>  %1. %2 %3: %4 on the transfer, %5 shipped, %6 received%7, %8 in transit</source>
        <translation>  %1. %2 %3 : %4 sur le transfert, %5 expédiés, %6 réceptionnés%7, %8 en transit</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="814"/>
        <source>--missing takes SKU:QTY:REASON, not &quot;%1&quot;.</source>
        <translation>--missing attend SKU:QTY:REASON, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="840"/>
        <source>transfer create takes --from CODE, --to CODE and --line SKU:QTY (repeat for more).</source>
        <translation>transfer create attend --from CODE, --to CODE et --line SKU:QTY (à répéter pour en ajouter).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="851"/>
        <source>%1 is a draft: %n line(s), %2 units from %3 to %4.</source>
        <translation>
            <numerusform>%1 est un brouillon : %n ligne, %2 unités de %3 vers %4.</numerusform>
            <numerusform>%1 est un brouillon : %n lignes, %2 unités de %3 vers %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="864"/>
        <location filename="../src/cli/inventorycommands.cpp" line="878"/>
        <location filename="../src/cli/inventorycommands.cpp" line="905"/>
        <source>transfer</source>
        <translation>transfert</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="868"/>
        <source>transfer receive takes --line SKU:QTY or --missing SKU:QTY:REASON (repeat for more).</source>
        <translation>transfer receive attend --line SKU:QTY ou --missing SKU:QTY:REASON (à répéter pour en ajouter).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="911"/>
        <source>transfer takes create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR or show TR.</source>
        <translation>transfer attend create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR ou show TR.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="996"/>
        <source>%1 at %2 is %3: %4 count (%5)%6; version %7.</source>
        <translation>%1 à %2 est %3 : inventaire %4 (%5)%6 ; version %7.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="998"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1115"/>
        <source>, blind</source>
        <translation>, à l&apos;aveugle</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1001"/>
        <source>Started by %1 at %2; submitted %3; decided %4.</source>
        <translation>Démarré par %1 le %2 ; soumis : %3 ; décidé : %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1013"/>
        <source>Decision: %1</source>
        <translation>Décision : %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1016"/>
        <source>Blind count: expected quantities are hidden while counting (--manager shows them).</source>
        <translation>Comptage à l&apos;aveugle : les quantités attendues sont masquées pendant le comptage (--manager les affiche).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1021"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1038"/>
        <source>Bin</source>
        <translation>Casier</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1022"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1041"/>
        <source>Counted</source>
        <translation>Compté</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1033"/>
        <source>%1 of %2 lines counted.</source>
        <translation>%1 lignes sur %2 comptées.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1039"/>
        <source>Expected</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1040"/>
        <source>Book</source>
        <translation>Théor.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1042"/>
        <source>Variance</source>
        <translation>Écart</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1043"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1349"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1062"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1361"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1084"/>
        <source>count start takes --location CODE.</source>
        <translation>count start attend --location CODE.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1092"/>
        <source>--abc takes A, B or C, not &quot;%1&quot;.</source>
        <translation>--abc attend A, B ou C, et non « %1 ».</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="1113"/>
        <source>%1: %n line(s) to count at %2 (%3)%4.</source>
        <translation>
            <numerusform>%1 : %n ligne à compter à %2 (%3)%4.</numerusform>
            <numerusform>%1 : %n lignes à compter à %2 (%3)%4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1122"/>
        <source> (expected %1)</source>
        <translation> (attendu %1)</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1132"/>
        <source>count record takes a count number, --sku SKU (or a GTIN) and --qty N.</source>
        <translation>count record attend un numéro d&apos;inventaire, --sku SKU (ou un GTIN) et --qty N.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1149"/>
        <source>%1: %2 counted %3.</source>
        <translation>%1 : %2 compté : %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1172"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1177"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1202"/>
        <source>count</source>
        <translation>inventaire</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1205"/>
        <source>count reject takes --note TEXT: why the count is rejected.</source>
        <translation>count reject attend --note TEXT : pourquoi l&apos;inventaire est rejeté.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1214"/>
        <source>count takes start, record SC, submit SC, approve SC, reject SC, reopen SC or show SC.</source>
        <translation>count attend start, record SC, submit SC, approve SC, reject SC, reopen SC ou show SC.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1224"/>
        <source>ledger takes --sku SKU [--location CODE] [--limit N] [--before ID].</source>
        <translation>ledger attend --sku SKU [--location CODE] [--limit N] [--before ID].</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1232"/>
        <source>--before takes a ledger row id, not &quot;%1&quot;.</source>
        <translation>--before attend un identifiant de ligne du journal des stocks, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1281"/>
        <source>Ledger of %1 %2%3, newest first:</source>
        <translation>Journal des stocks de %1 %2%3, du plus récent au plus ancien :</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1283"/>
        <source> at %1</source>
        <translation> à %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1286"/>
        <location filename="../src/cli/planningcommands.cpp" line="116"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1287"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1291"/>
        <location filename="../src/cli/planningcommands.cpp" line="122"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1292"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1293"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1294"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1295"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1310"/>
        <source>More: --before %1</source>
        <translation>Suite : --before %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1318"/>
        <source>valuation takes no arguments.</source>
        <translation>valuation n&apos;accepte aucun argument.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1343"/>
        <source>Stock value at moving-average cost:</source>
        <translation>Valeur du stock au coût moyen pondéré :</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1346"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1347"/>
        <source>Products</source>
        <translation>Articles</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1348"/>
        <source>Units</source>
        <translation>Unités</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1374"/>
        <source>Refuse if the document is no longer at this version.</source>
        <translation>Refuser si le document n&apos;est plus à cette version.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1376"/>
        <source>Products: add, update, import FILE.</source>
        <translation>Articles : add, update, import FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1379"/>
        <source>Product name.</source>
        <translation>Nom de l&apos;article.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1380"/>
        <source>Barcode (GTIN-8, -12, -13 or -14).</source>
        <translation>Code-barres (GTIN-8, -12, -13 ou -14).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1382"/>
        <source>Unit cost, e.g. 12.50.</source>
        <translation>Coût unitaire, p. ex. 12.50.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1384"/>
        <source>Selling price, e.g. 19.99.</source>
        <translation>Prix de vente, p. ex. 19.99.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1386"/>
        <source>Weight in grams.</source>
        <translation>Poids en grammes.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1387"/>
        <source>No longer sold.</source>
        <translation>N&apos;est plus vendu.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1388"/>
        <source>update: sold again.</source>
        <translation>update : de nouveau vendu.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1390"/>
        <source>import: auto (default), stockroom, stockroom-stock, shopify-products or shopify-inventory.</source>
        <translation>import : auto (par défaut), stockroom, stockroom-stock, shopify-products ou shopify-inventory.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1393"/>
        <source>import: where rows without a location are.</source>
        <translation>import : l&apos;emplacement des lignes qui n&apos;en ont pas.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1396"/>
        <source>import: a location name in the file and our code; repeat for more.</source>
        <translation>import : un nom d&apos;emplacement du fichier et notre code ; à répéter pour en ajouter.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1399"/>
        <source>import: report what would change, change nothing.</source>
        <translation>import : indiquer ce qui changerait, ne rien modifier.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1402"/>
        <source>Locations: add, update.</source>
        <translation>Emplacements : add, update.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1405"/>
        <source>Location name.</source>
        <translation>Nom de l&apos;emplacement.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1406"/>
        <source>warehouse (default), store or third_party.</source>
        <translation>warehouse (par défaut), store ou third_party.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1409"/>
        <source>Routing priority (lower ships first; default 100).</source>
        <translation>Priorité d&apos;affectation (la plus basse expédie en premier ; 100 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1410"/>
        <source>Postcode.</source>
        <translation>Code postal.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1411"/>
        <source>Region.</source>
        <translation>Région.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1412"/>
        <source>Address.</source>
        <translation>Adresse.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1416"/>
        <source>Set a product&apos;s bin, reorder point and reorder quantity at a location.</source>
        <translation>Définir le casier, le point de commande et la quantité de réapprovisionnement d&apos;un article dans un emplacement.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1420"/>
        <source>Home bin (empty to clear).</source>
        <translation>Casier principal (vide pour effacer).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1422"/>
        <source>Reorder when available falls to this.</source>
        <translation>Réapprovisionner quand le disponible descend à ce niveau.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1424"/>
        <source>How many to reorder.</source>
        <translation>Quantité à réapprovisionner.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1428"/>
        <source>Suppliers: add, list.</source>
        <translation>Fournisseurs : add, list.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1430"/>
        <source>Supplier name.</source>
        <translation>Nom du fournisseur.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1431"/>
        <source>Supplier e-mail address.</source>
        <translation>Adresse e-mail du fournisseur.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1434"/>
        <source>Days from order to delivery (default 7).</source>
        <translation>Jours entre la commande et la livraison (7 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1438"/>
        <source>Purchase orders: create, order PO, receive PO, close PO, cancel PO, show PO.</source>
        <translation>Commandes fournisseur : create, order PO, receive PO, close PO, cancel PO, show PO.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1440"/>
        <source>create: the supplier.</source>
        <translation>create : le fournisseur.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1442"/>
        <source>create: where the goods arrive.</source>
        <translation>create : où arrivent les marchandises.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1444"/>
        <source>create: expected delivery date.</source>
        <translation>create : date de livraison prévue.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1446"/>
        <source>create, receive: free text.</source>
        <translation>create, receive : texte libre.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1449"/>
        <source>create: SKU:QTY[:COST]; receive: SKU:QTY (SKU or GTIN); repeat for more.</source>
        <translation>create : SKU:QTY[:COST] ; receive : SKU:QTY (SKU ou GTIN) ; à répéter pour en ajouter.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1455"/>
        <source>Transfers: create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR, show TR.</source>
        <translation>Transferts : create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR, show TR.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1459"/>
        <source>create: the source location.</source>
        <translation>create : l&apos;emplacement d&apos;origine.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1461"/>
        <source>create: the destination.</source>
        <translation>create : la destination.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1463"/>
        <source>create: units to send; receive: units arrived; repeat for more.</source>
        <translation>create : unités à envoyer ; receive : unités arrivées ; à répéter pour en ajouter.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1465"/>
        <source>receive: units that did not arrive, and why.</source>
        <translation>receive : unités non arrivées, et pourquoi.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1467"/>
        <source>create: free text.</source>
        <translation>create : texte libre.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1472"/>
        <source>Stock counts: start, record SC, submit SC, approve SC, reject SC, reopen SC, show SC.</source>
        <translation>Inventaires : start, record SC, submit SC, approve SC, reject SC, reopen SC, show SC.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1474"/>
        <source>start: the location counted.</source>
        <translation>start : l&apos;emplacement compté.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1476"/>
        <source>start: a cycle count of a subset.</source>
        <translation>start : un inventaire tournant d&apos;un sous-ensemble.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1477"/>
        <source>start: bins starting with this.</source>
        <translation>start : casiers commençant par ce préfixe.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1480"/>
        <source>start: ABC class by cost of goods shipped (90 days).</source>
        <translation>start : classe ABC selon le coût des marchandises expédiées (90 jours).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1483"/>
        <source>start: products not counted there for N days.</source>
        <translation>start : articles non comptés à cet emplacement depuis N jours.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1485"/>
        <source>start: exactly these SKUs (repeat); record: the SKU or GTIN counted.</source>
        <translation>start : exactement ces SKU (à répéter) ; record : le SKU ou GTIN compté.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1488"/>
        <source>start: counters see the expected quantities (default: blind).</source>
        <translation>start : les personnes qui comptent voient les quantités attendues (par défaut : à l&apos;aveugle).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1489"/>
        <source>record: the quantity counted.</source>
        <translation>record : la quantité comptée.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1491"/>
        <source>record: add to what was counted.</source>
        <translation>record : ajouter à ce qui a déjà été compté.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1492"/>
        <source>start, approve, reject: why.</source>
        <translation>start, approve, reject : pourquoi.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1495"/>
        <source>show: expected quantities of a blind open count.</source>
        <translation>show : quantités attendues d&apos;un inventaire ouvert à l&apos;aveugle.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1500"/>
        <source>A product&apos;s stock movements, newest first, with on hand after each.</source>
        <translation>Mouvements de stock d&apos;un article, du plus récent au plus ancien, avec la quantité en stock après chacun.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1505"/>
        <source>Rows per page (default 50).</source>
        <translation>Lignes par page (50 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1507"/>
        <source>Rows older than this id (the next page).</source>
        <translation>Lignes plus anciennes que cet identifiant (la page suivante).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1512"/>
        <source>Stock value per location at moving-average cost.</source>
        <translation>Valeur du stock par emplacement au coût moyen pondéré.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="16"/>
        <source>pg-grant is for PostgreSQL databases; a SQLite file has no roles.</source>
        <translation>pg-grant est destiné aux bases de données PostgreSQL ; un fichier SQLite n&apos;a pas de rôles.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="27"/>
        <source>The role %1 has its privileges on %2.</source>
        <translation>Le rôle %1 dispose de ses privilèges sur %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="31"/>
        <source>The role %1 does not exist and %2 may not create it: ask a superuser to run CREATE ROLE %1 NOLOGIN, then run pg-grant again.</source>
        <translation>Le rôle %1 n&apos;existe pas et %2 n&apos;a pas le droit de le créer : demandez à un superutilisateur d&apos;exécuter CREATE ROLE %1 NOLOGIN, puis relancez pg-grant.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="45"/>
        <source>PostgreSQL: give the desktops&apos; role %1 its privileges again (run as the database owner).</source>
        <translation>PostgreSQL : redonner ses privilèges au rôle %1 des postes (à exécuter en tant que propriétaire de la base de données).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="26"/>
        <source>--service-level takes a share like 0.95 or a percentage like 95 (over 50, under 100), not &quot;%1&quot;.</source>
        <translation>--service-level attend une part comme 0.95 ou un pourcentage comme 95 (supérieur à 50, inférieur à 100), et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="102"/>
        <source>Nothing to replenish: every product is above its reorder point.</source>
        <translation>Rien à réapprovisionner : chaque article est au-dessus de son point de commande.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="107"/>
        <source>No supplier known yet (accept with --supplier NAME):</source>
        <translation>Aucun fournisseur connu pour l&apos;instant (accepter avec --supplier NAME) :</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="109"/>
        <source>%1 (lead time %2 days), %3:</source>
        <translation>%1 (délai d&apos;approvisionnement %2 jours), %3 :</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="117"/>
        <source>Projected</source>
        <translation>Prévis.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="118"/>
        <source>ROP</source>
        <translation>Pt cmd</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="119"/>
        <source>Up to</source>
        <translation>Cible</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="120"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="121"/>
        <source>Cover</source>
        <translation>Couv.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="138"/>
        <source>Transfers:</source>
        <translation>Transferts :</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="153"/>
        <source>replenish takes options only (see --help), not &quot;%1&quot;.</source>
        <translation>replenish n&apos;accepte que des options (voir --help), et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="167"/>
        <source>--supplier goes with --accept.</source>
        <translation>--supplier va avec --accept.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="216"/>
        <source>%1 (draft) from %2 for %3, expected %4: %5</source>
        <translation>%1 (brouillon) de %2 pour %3, attendue le %4 : %5</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="226"/>
        <source>%1 (draft) from %2 to %3: %4</source>
        <translation>%1 (brouillon) de %2 vers %3 : %4</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="255"/>
        <source>atp takes options only (see --help), not &quot;%1&quot;.</source>
        <translation>atp n&apos;accepte que des options (voir --help), et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="259"/>
        <source>atp needs --sku.</source>
        <translation>atp nécessite --sku.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="312"/>
        <source>Available to promise of %1 at %2 from %3:</source>
        <translation>Disponible à la vente (ATP) de %1 à %2 à partir du %3 :</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="331"/>
        <source>  %1 units owed to backorders are not covered within %2 weeks.</source>
        <translation>  %1 unités dues aux commandes en attente ne sont pas couvertes dans les %2 semaines.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="338"/>
        <source>  After forecast demand (%1) on %2: %3 (80 %: %4 to %5).</source>
        <translation>  Après la demande prévue (%1) le %2 : %3 (80 % : %4 à %5).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="358"/>
        <source>Replenishment suggestions (purchases per supplier, transfers); --accept makes drafts.</source>
        <translation>Suggestions de réapprovisionnement (achats par fournisseur, transferts) ; --accept crée des brouillons.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="360"/>
        <source>Only this location&apos;s suggestions.</source>
        <translation>Uniquement les suggestions de cet emplacement.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="363"/>
        <source>Create drafts of these suggestions (ids as listed, comma-separated or repeated; all for every one).</source>
        <translation>Créer des brouillons de ces suggestions (identifiants tels que listés, séparés par des virgules ou répétés ; all pour toutes).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="367"/>
        <source>With --accept: the supplier for products never ordered before.</source>
        <translation>Avec --accept : le fournisseur des articles jamais commandés.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="369"/>
        <source>Days between orders (default 7).</source>
        <translation>Jours entre les commandes (7 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="372"/>
        <source>Target cycle service level, e.g. 0.95 or 95 (default 95 %).</source>
        <translation>Niveau de service par cycle visé, p. ex. 0.95 ou 95 (95 % par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="377"/>
        <source>Available to promise of a product over the coming weeks; --qty: the earliest promise.</source>
        <translation>Disponible à la vente (ATP) d&apos;un article sur les semaines à venir ; --qty : la date de promesse au plus tôt.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="380"/>
        <source>One location (default: all).</source>
        <translation>Un emplacement (par défaut : tous).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="383"/>
        <source>When can this many be promised, and from where (exit 1: not within the weeks).</source>
        <translation>Quand cette quantité peut-elle être promise, et depuis où (code de sortie 1 : pas dans le délai en semaines).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="386"/>
        <source>Horizon in weeks (default 8).</source>
        <translation>Horizon en semaines (8 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="389"/>
        <source>Also subtract the forecast demand (80 % band).</source>
        <translation>Soustraire aussi la demande prévue (intervalle à 80 %).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="45"/>
        <source>--%1: cannot read %2: %3</source>
        <translation>--%1 : impossible de lire %2 : %3</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="63"/>
        <source>New password: </source>
        <translation>Nouveau mot de passe : </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="66"/>
        <source>Give the new password with --new-password-file FILE or $STOCKROOM_NEW_PASSWORD (or type it on a terminal).</source>
        <translation>Indiquez le nouveau mot de passe avec --new-password-file FILE ou $STOCKROOM_NEW_PASSWORD (ou saisissez-le dans un terminal).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="69"/>
        <source>Again: </source>
        <translation>Confirmation : </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="70"/>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="79"/>
        <source>A role is clerk, manager or admin, not &quot;%1&quot;.</source>
        <translation>Un rôle est clerk, manager ou admin, et non « %1 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="115"/>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="122"/>
        <source>user add|role|enable|disable|password NAME …, or user list.</source>
        <translation>user add|role|enable|disable|password NAME …, ou user list.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="139"/>
        <source>User %1 added as %2.</source>
        <translation>Utilisateur %1 ajouté en tant que %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="148"/>
        <source>%1 is now %2.</source>
        <translation>%1 est désormais %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="154"/>
        <source>%1 may sign in.</source>
        <translation>%1 peut se connecter.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="154"/>
        <source>%1 can no longer sign in.</source>
        <translation>%1 ne peut plus se connecter.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="167"/>
        <source>Current password: </source>
        <translation>Mot de passe actuel : </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="171"/>
        <source>The password of %1 is changed; desktops that stayed signed in must sign in again.</source>
        <translation>Le mot de passe de %1 a été changé ; les postes restés connectés doivent se reconnecter.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="177"/>
        <source>Unknown user action &quot;%1&quot;: add, list, role, enable, disable or password.</source>
        <translation>Action utilisateur inconnue « %1 » : add, list, role, enable, disable ou password.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="186"/>
        <source>This database has no users yet: nobody signs in (add one with &quot;user add NAME --role admin&quot;).</source>
        <translation>Cette base de données n&apos;a pas encore d&apos;utilisateurs : personne ne se connecte (ajoutez-en un avec « user add NAME --role admin »).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="198"/>
        <source>login needs the password in --password-file or $STOCKROOM_PASSWORD.</source>
        <translation>login nécessite le mot de passe dans --password-file ou $STOCKROOM_PASSWORD.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="221"/>
        <source>Reading the audit trail</source>
        <translation>Consulter le journal d&apos;audit</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="233"/>
        <source>--%1 takes a date like 2026-11-27, not &quot;%2&quot;.</source>
        <translation>--%1 attend une date comme 2026-11-27, et non « %2 ».</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="295"/>
        <source>This database has users: sign in with --user NAME (or $STOCKROOM_USER) and the password in --password-file, $STOCKROOM_PASSWORD or typed; or $STOCKROOM_TOKEN from &quot;stockroomctl login&quot;.</source>
        <translation>Cette base de données a des utilisateurs : connectez-vous avec --user NAME (ou $STOCKROOM_USER) et le mot de passe dans --password-file, dans $STOCKROOM_PASSWORD ou saisi ; ou avec $STOCKROOM_TOKEN obtenu par « stockroomctl login ».</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="308"/>
        <source>Password for %1: </source>
        <translation>Mot de passe de %1 : </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="312"/>
        <source>No password for %1: give it in --password-file, $STOCKROOM_PASSWORD or on a terminal.</source>
        <translation>Pas de mot de passe pour %1 : indiquez-le dans --password-file, dans $STOCKROOM_PASSWORD ou dans un terminal.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="324"/>
        <source>Users: add NAME --role R, list, role NAME R, enable/disable NAME, password NAME.</source>
        <translation>Utilisateurs : add NAME --role R, list, role NAME R, enable/disable NAME, password NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="326"/>
        <source>clerk, manager or admin (default clerk).</source>
        <translation>clerk, manager ou admin (clerk par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="328"/>
        <source>The user&apos;s full name.</source>
        <translation>Le nom complet de l&apos;utilisateur.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="332"/>
        <source>Read the new password from this file (else $STOCKROOM_NEW_PASSWORD or a prompt).</source>
        <translation>Lire le nouveau mot de passe depuis ce fichier (sinon $STOCKROOM_NEW_PASSWORD ou une invite).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="337"/>
        <source>Sign in once and print a token for scripts ($STOCKROOM_TOKEN, 30 days).</source>
        <translation>Se connecter une fois et afficher un jeton pour les scripts ($STOCKROOM_TOKEN, 30 jours).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="340"/>
        <source>Revoke the token in $STOCKROOM_TOKEN.</source>
        <translation>Révoquer le jeton de $STOCKROOM_TOKEN.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="342"/>
        <source>Who did what and when, newest first, with before/after of edits.</source>
        <translation>Qui a fait quoi et quand, du plus récent au plus ancien, avec l&apos;avant/après des modifications.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="344"/>
        <source>Only this user&apos;s actions.</source>
        <translation>Uniquement les actions de cet utilisateur.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="347"/>
        <source>Only this kind: order, stock, product, location, count, transfer, user, …</source>
        <translation>Uniquement ce type : order, stock, product, location, count, transfer, user, …</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="349"/>
        <source>Key or summary contains this text.</source>
        <translation>La clé ou le résumé contient ce texte.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="351"/>
        <source>From this day (UTC).</source>
        <translation>À partir de ce jour (UTC).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="352"/>
        <source>Up to and including this day (UTC).</source>
        <translation>Jusqu&apos;à ce jour inclus (UTC).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="354"/>
        <source>At most N lines (default 100).</source>
        <translation>Au plus N lignes (100 par défaut).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="357"/>
        <source>Only the audit log (edits, approvals, users, sign-ins), not every change.</source>
        <translation>Uniquement le journal d&apos;audit (modifications, approbations, utilisateurs, connexions), pas chaque modification.</translation>
    </message>
</context>
</TS>
