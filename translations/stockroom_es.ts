<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>Access</name>
    <message>
        <location filename="../src/services/access.cpp" line="13"/>
        <source>this user</source>
        <translation>este usuario</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="14"/>
        <source>%1 needs the %2 role; %3 is signed in as %4.</source>
        <translation>%1 requiere el rol %2; %3 ha iniciado sesión como %4.</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="22"/>
        <source>clerk</source>
        <translation>empleado</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="24"/>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <location filename="../src/services/access.cpp" line="26"/>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
</context>
<context>
    <name>AtpChart</name>
    <message>
        <location filename="../qml/AtpChart.qml" line="86"/>
        <source>Units</source>
        <comment>@title:axis</comment>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="89"/>
        <source>After forecast demand, 80 %</source>
        <comment>@label chart series</comment>
        <translation>Tras la demanda prevista, 80 %</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="105"/>
        <source>After forecast demand</source>
        <comment>@label chart series</comment>
        <translation>Tras la demanda prevista</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="115"/>
        <source>Available to promise</source>
        <comment>@label chart series</comment>
        <translation>Disponible para prometer</translation>
    </message>
    <message>
        <location filename="../qml/AtpChart.qml" line="124"/>
        <source>Arrival</source>
        <comment>@label chart series: purchase order or transfer arriving</comment>
        <translation>Llegada</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../qml/AuditPage.qml" line="14"/>
        <source>Audit</source>
        <comment>@title:tab</comment>
        <translation>Auditoría</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="34"/>
        <source>Everyone</source>
        <comment>@item:inlistbox</comment>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="36"/>
        <source>User</source>
        <comment>@label:listbox</comment>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="41"/>
        <source>Every kind</source>
        <comment>@item:inlistbox</comment>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="43"/>
        <source>Kind</source>
        <comment>@label:listbox</comment>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="48"/>
        <source>from YYYY-MM-DD</source>
        <comment>@info:placeholder</comment>
        <translation>desde AAAA-MM-DD</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="51"/>
        <source>From date</source>
        <comment>@label:textbox</comment>
        <translation>Fecha desde</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="56"/>
        <source>to YYYY-MM-DD</source>
        <comment>@info:placeholder</comment>
        <translation>hasta AAAA-MM-DD</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="59"/>
        <source>To date</source>
        <comment>@label:textbox</comment>
        <translation>Fecha hasta</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="64"/>
        <source>SKU, document, user, text…</source>
        <comment>@info:placeholder</comment>
        <translation>SKU, documento, usuario, texto…</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="66"/>
        <source>Search the audit trail</source>
        <comment>@label:textbox</comment>
        <translation>Buscar en el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="77"/>
        <source>Every change</source>
        <comment>@option:check</comment>
        <translation>Todos los cambios</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="81"/>
        <source>Also list every write of the change log (orders, stock), not only edits, approvals, users and sign-ins</source>
        <comment>@info:tooltip</comment>
        <translation>Mostrar también cada escritura del registro de cambios (pedidos, stock), no solo ediciones, aprobaciones, usuarios e inicios de sesión</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="95"/>
        <source>When</source>
        <comment>@title:column</comment>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="96"/>
        <source>Who</source>
        <comment>@title:column</comment>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="97"/>
        <source>What</source>
        <comment>@title:column</comment>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="98"/>
        <source>Of</source>
        <comment>@title:column entity and key</comment>
        <translation>Objeto</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="99"/>
        <source>Details</source>
        <comment>@title:column</comment>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="166"/>
        <source>%1: %2 → %3</source>
        <comment>@info field: before → after</comment>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location filename="../qml/AuditPage.qml" line="181"/>
        <source>Nothing recorded for this filter.</source>
        <comment>@info</comment>
        <translation>No hay nada registrado para este filtro.</translation>
    </message>
</context>
<context>
    <name>BackorderFiller</name>
    <message>
        <location filename="../src/services/orderflow.cpp" line="184"/>
        <source>A backorder changed while stock arrived.</source>
        <translation>Un pedido pendiente ha cambiado mientras llegaba stock.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="189"/>
        <source>backorder filled</source>
        <translation>pedido pendiente servido</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="192"/>
        <source>%1 × %2 allocated at %3 as stock arrived (backorder filled)</source>
        <translation>%1 × %2 asignados en %3 al llegar stock (pedido pendiente servido)</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="197"/>
        <source>allocated</source>
        <translation>asignado</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <location filename="../src/store/backup.cpp" line="90"/>
        <location filename="../src/store/backup.cpp" line="115"/>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="181"/>
        <source>The database is busy (%1); try again.</source>
        <translation>La base de datos está ocupada (%1); inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="183"/>
        <source>Database error while %1: %2</source>
        <translation>Error de base de datos al %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="195"/>
        <source>Cannot start copying the database: %1</source>
        <translation>No se puede iniciar la copia de la base de datos: %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="209"/>
        <source>The database stayed busy for %1 seconds; try again.</source>
        <translation>La base de datos ha seguido ocupada durante %1 segundos; inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="214"/>
        <source>Copying the database failed: %1</source>
        <translation>Error al copiar la base de datos: %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="227"/>
        <source>closing the copy</source>
        <translation>cerrar la copia</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="247"/>
        <source>Cannot move the backup to %1: %2</source>
        <translation>No se puede mover la copia de seguridad a %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="272"/>
        <source>%1 is busy (%2); try again.</source>
        <translation>%1 está en uso (%2); inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="275"/>
        <location filename="../src/store/backup.cpp" line="337"/>
        <source>%1 cannot be read as a SQLite database: %2.</source>
        <translation>%1 no se puede leer como base de datos SQLite: %2.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="300"/>
        <source>Stockroom backs up SQLite databases only. Back up PostgreSQL with its own tools: pg_dump -Fc for a backup file (pg_restore restores it), or WAL archiving with pg_basebackup for point-in-time recovery. The README&apos;s section &quot;Backups&quot; shows the commands.</source>
        <translation>Stockroom solo hace copias de seguridad de bases de datos SQLite. Haga la copia de seguridad de PostgreSQL con sus propias herramientas: pg_dump -Fc para un archivo de copia de seguridad (pg_restore lo restaura) o el archivado WAL con pg_basebackup para la recuperación a un momento dado. La sección «Backups» del README muestra los comandos.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="310"/>
        <source>There is no file %1.</source>
        <translation>No existe el archivo %1.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="313"/>
        <location filename="../src/store/backup.cpp" line="404"/>
        <source>%1 is not a file.</source>
        <translation>%1 no es un archivo.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="317"/>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="323"/>
        <source>%1 is not a SQLite database, so it is no Stockroom backup.</source>
        <translation>%1 no es una base de datos SQLite, por lo que no es una copia de seguridad de Stockroom.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="330"/>
        <source>%1 is damaged (SQLite&apos;s integrity check: %2).</source>
        <translation>%1 está dañado (comprobación de integridad de SQLite: %2).</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="344"/>
        <source>%1 is a SQLite database but not a Stockroom database (it has no schema_version table).</source>
        <translation>%1 es una base de datos SQLite, pero no de Stockroom (no tiene la tabla schema_version).</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="355"/>
        <source>%1 is not a Stockroom database: it lacks the tables %2.</source>
        <translation>%1 no es una base de datos de Stockroom: le faltan las tablas %2.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="361"/>
        <source>%1 is not a Stockroom database: it records no schema version.</source>
        <translation>%1 no es una base de datos de Stockroom: no registra ninguna versión de esquema.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="367"/>
        <source>%1 comes from a newer Stockroom (schema version %2; this one knows versions up to %3). Update Stockroom before restoring it.</source>
        <translation>%1 procede de una versión más reciente de Stockroom (versión de esquema %2; esta conoce versiones hasta la %3). Actualice Stockroom antes de restaurarlo.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="377"/>
        <source>%1 cannot be read as a Stockroom database: %2</source>
        <translation>%1 no se puede leer como base de datos de Stockroom: %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="392"/>
        <source>The SQLite connection gives no handle to back up from.</source>
        <translation>La conexión SQLite no ofrece ningún identificador desde el que hacer la copia de seguridad.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="395"/>
        <source>A backup needs the name of the file to write.</source>
        <translation>Una copia de seguridad necesita el nombre del archivo que se va a escribir.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="401"/>
        <source>%1 is the database itself: write the backup to another file.</source>
        <translation>%1 es la propia base de datos: escriba la copia de seguridad en otro archivo.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="408"/>
        <location filename="../src/store/backup.cpp" line="465"/>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="412"/>
        <source>The database %1 is empty: there is nothing to back up.</source>
        <translation>La base de datos %1 está vacía: no hay nada que copiar.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="421"/>
        <location filename="../src/store/backup.cpp" line="474"/>
        <source>Cannot write in the folder %1: %2</source>
        <translation>No se puede escribir en la carpeta %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="427"/>
        <source>The backup failed its check, so %1 was not written: %2</source>
        <translation>La copia de seguridad no ha superado la comprobación, por lo que no se ha escrito %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="431"/>
        <source>The backup has schema version %1 where the database has %2, so %3 was not written.</source>
        <translation>La copia de seguridad tiene la versión de esquema %1 y la base de datos la %2, por lo que no se ha escrito %3.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="446"/>
        <source>The database was not changed.</source>
        <translation>La base de datos no se ha modificado.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="452"/>
        <source>The SQLite connection gives no handle to restore into.</source>
        <translation>La conexión SQLite no ofrece ningún identificador en el que restaurar.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="455"/>
        <source>%1 is the database itself.</source>
        <translation>%1 es la propia base de datos.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="498"/>
        <source>%1 comes from an older Stockroom (schema version %2) and could not be brought up to date: %3</source>
        <translation>%1 procede de una versión anterior de Stockroom (versión de esquema %2) y no se ha podido actualizar: %3</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="512"/>
        <source>staging the file</source>
        <translation>preparar el archivo</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="520"/>
        <source>Cannot read the page size: %1</source>
        <translation>No se puede leer el tamaño de página: %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="528"/>
        <source>adapting the page size</source>
        <translation>adaptar el tamaño de página</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="548"/>
        <source>Could not keep a copy of the database before restoring: %1</source>
        <translation>No se ha podido guardar una copia de la base de datos antes de restaurar: %1</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="587"/>
        <source>The restored database fails its check (schema version %1; %2). The database as it was is in %3.</source>
        <translation>La base de datos restaurada no supera la comprobación (versión de esquema %1; %2). La base de datos tal como estaba se encuentra en %3.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="605"/>
        <source>The daily backup keeps at least one file, not %1.</source>
        <translation>La copia de seguridad diaria conserva al menos un archivo, no %1.</translation>
    </message>
    <message>
        <location filename="../src/store/backup.cpp" line="609"/>
        <source>There is no database at %1.</source>
        <translation>No hay ninguna base de datos en %1.</translation>
    </message>
</context>
<context>
    <name>CatalogService</name>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="25"/>
        <source>A location is a warehouse, a store or a third_party, not &quot;%1&quot;.</source>
        <translation>Una ubicación es warehouse, store o third_party, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="52"/>
        <location filename="../src/services/catalogservice.cpp" line="384"/>
        <source>The SKU</source>
        <translation>El SKU</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="54"/>
        <location filename="../src/services/catalogservice.cpp" line="391"/>
        <source>The product name</source>
        <translation>El nombre del artículo</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="55"/>
        <source>The barcode</source>
        <translation>El código de barras</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="61"/>
        <source>The location code</source>
        <translation>El código de ubicación</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="63"/>
        <source>The location name</source>
        <translation>El nombre de la ubicación</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="65"/>
        <source>The postcode</source>
        <translation>El código postal</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="67"/>
        <source>The region</source>
        <translation>La región</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="68"/>
        <source>The address</source>
        <translation>La dirección</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="77"/>
        <source>A product needs a SKU.</source>
        <translation>Un artículo necesita un SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="80"/>
        <location filename="../src/services/catalogservice.cpp" line="166"/>
        <source>Product %1 needs a name.</source>
        <translation>El artículo %1 necesita un nombre.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="84"/>
        <location filename="../src/services/catalogservice.cpp" line="170"/>
        <source>Price, cost and weight of %1 cannot be negative.</source>
        <translation>El precio, el coste y el peso de %1 no pueden ser negativos.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="89"/>
        <source>Setting prices and costs</source>
        <translation>Establecer precios y costes</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="96"/>
        <source>SKU %1 exists already.</source>
        <translation>El SKU %1 ya existe.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="101"/>
        <location filename="../src/services/catalogservice.cpp" line="180"/>
        <source>Barcode %1 belongs to %2 already.</source>
        <translation>El código de barras %1 ya pertenece a %2.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="111"/>
        <source>product %1 added</source>
        <translation>artículo %1 añadido</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="124"/>
        <source>A location needs a code and a name.</source>
        <translation>Una ubicación necesita un código y un nombre.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="127"/>
        <source>Adding a location</source>
        <translation>Añadir una ubicación</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="133"/>
        <source>Location %1 exists already.</source>
        <translation>La ubicación %1 ya existe.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="141"/>
        <source>location %1 added</source>
        <translation>ubicación %1 añadida</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="157"/>
        <source>The barcode of %1 is not a GTIN: %2</source>
        <translation>El código de barras de %1 no es un GTIN: %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="198"/>
        <source>Changing prices and costs</source>
        <translation>Cambiar precios y costes</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="206"/>
        <location filename="../src/services/catalogservice.cpp" line="243"/>
        <source>%1 changed: %2</source>
        <translation>%1 modificado: %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="211"/>
        <source>%1 was changed meanwhile.</source>
        <translation>%1 se ha modificado entretanto.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="226"/>
        <source>A location needs a name.</source>
        <translation>Una ubicación necesita un nombre.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="229"/>
        <source>Changing a location</source>
        <translation>Modificar una ubicación</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="261"/>
        <source>Reorder point and quantity are 0 to 1,000,000.</source>
        <translation>El punto de pedido y la cantidad de reposición van de 0 a 1.000.000.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="265"/>
        <source>Changing reorder points and quantities</source>
        <translation>Modificar puntos de pedido y cantidades de reposición</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="291"/>
        <source>%1 at %2: %3</source>
        <translation>%1 en %2: %3</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="326"/>
        <source>Importing products</source>
        <translation>Importar artículos</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="404"/>
        <source>unknown SKU &quot;%1&quot;: import the products first</source>
        <translation>SKU desconocido «%1»: importe primero los artículos</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="423"/>
        <source>a new product needs a name</source>
        <translation>un artículo nuevo necesita un nombre</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="432"/>
        <source>barcode %1 belongs to %2 already</source>
        <translation>el código de barras %1 ya pertenece a %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="451"/>
        <source>no location given: choose the location the stock is at</source>
        <translation>no se ha indicado ninguna ubicación: elija la ubicación en la que está el stock</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="452"/>
        <source>unknown location &quot;%1&quot;: map it to one of our locations</source>
        <translation>ubicación desconocida «%1»: asígnela a una de nuestras ubicaciones</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="460"/>
        <source>%1 at %2: %3 on hand is less than the %4 reserved for orders</source>
        <translation>%1 en %2: %3 en existencia es menos que los %4 reservados para pedidos</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="471"/>
        <source>%1 at %2 is already on line %3</source>
        <translation>%1 en %2 ya está en la línea %3</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="552"/>
        <source>Stock of %1 at %2 changed during the import.</source>
        <translation>El stock de %1 en %2 ha cambiado durante la importación.</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="564"/>
        <source>import of %1, line %2</source>
        <translation>importación de %1, línea %2</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="581"/>
        <source>%1 new, %2 changed, %3 unchanged products; %4 stock levels set</source>
        <translation>%1 artículos nuevos, %2 modificados, %3 sin cambios; %4 niveles de stock establecidos</translation>
    </message>
    <message>
        <location filename="../src/services/catalogservice.cpp" line="593"/>
        <source>%1: %2 new, %3 changed products; %4 stock levels set</source>
        <translation>%1: %2 artículos nuevos, %3 modificados; %4 niveles de stock establecidos</translation>
    </message>
</context>
<context>
    <name>ChannelSettingsDialog</name>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="58"/>
        <source>“%1” is not a whole number.</source>
        <comment>@info</comment>
        <translation>«%1» no es un número entero.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="69"/>
        <source>New channel</source>
        <comment>@title:window</comment>
        <translation>Nuevo canal</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="70"/>
        <source>Feed settings of %1</source>
        <comment>@title:window</comment>
        <translation>Ajustes del feed de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="88"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="94"/>
        <source>Save the settings (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Guardar los ajustes (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="97"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="120"/>
        <source>Channel:</source>
        <comment>@label:textbox</comment>
        <translation>Canal:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="127"/>
        <source>e.g. web, shopify, amazon</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej., web, shopify, amazon</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="128"/>
        <source>Channel name</source>
        <comment>@label</comment>
        <translation>Nombre del canal</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="132"/>
        <source>Hold back:</source>
        <comment>@label:spinbox</comment>
        <translation>Retener:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="143"/>
        <source>Buffer in units</source>
        <comment>@label</comment>
        <translation>Margen en unidades</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="146"/>
        <source>units and</source>
        <comment>@label:spinbox buffer: N units and P %</comment>
        <translation>unidades y</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="154"/>
        <source>Buffer in percent</source>
        <comment>@label</comment>
        <translation>Margen en porcentaje</translation>
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
        <translation>De cada cifra que envía el feed: un margen evita que el canal venda dos veces las últimas unidades.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="169"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="178"/>
        <source>Feed file format</source>
        <comment>@label</comment>
        <translation>Formato del archivo de feed</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="183"/>
        <source>Locations:</source>
        <comment>@label</comment>
        <translation>Ubicaciones:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="203"/>
        <source>Sell from %1</source>
        <comment>@option:check location</comment>
        <translation>Vender desde %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="210"/>
        <source>None checked: every active location.</source>
        <comment>@info</comment>
        <translation>Ninguna marcada: todas las ubicaciones activas.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="211"/>
        <source>Only the checked locations&apos; stock is offered.</source>
        <comment>@info</comment>
        <translation>Solo se ofrece el stock de las ubicaciones marcadas.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelSettingsDialog.qml" line="232"/>
        <source>The database cannot be reached: settings cannot be saved now.</source>
        <comment>@info</comment>
        <translation>No se puede acceder a la base de datos: ahora no se pueden guardar los ajustes.</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="15"/>
        <source>Channels</source>
        <comment>@title:tab</comment>
        <translation>Canales</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="102"/>
        <source>Write the stock feed of %1</source>
        <comment>@title:window</comment>
        <translation>Escribir el feed de stock de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="105"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="105"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="128"/>
        <source>What each channel may sell, per SKU: available stock minus waiting orders and the channel&apos;s buffer.</source>
        <comment>@info</comment>
        <translation>Lo que puede vender cada canal, por SKU: stock disponible menos los pedidos en espera y el margen del canal.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="137"/>
        <source>Loading</source>
        <comment>@info</comment>
        <translation>Cargando</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="140"/>
        <source>New channel…</source>
        <comment>@action:button</comment>
        <translation>Nuevo canal…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="144"/>
        <source>Set up a channel&apos;s stock feed (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation>Configurar el feed de stock de un canal (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="145"/>
        <source>New channel</source>
        <comment>@action:button</comment>
        <translation>Nuevo canal</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="171"/>
        <source>Channels</source>
        <comment>@label</comment>
        <translation>Canales</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="189"/>
        <source>%1: %2</source>
        <comment>@info channel: feed status</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="222"/>
        <source>Written %1 by %2</source>
        <comment>@info time, user</comment>
        <translation>Escrito %1 por %2</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="223"/>
        <source>Feed never written</source>
        <comment>@info</comment>
        <translation>Feed nunca escrito</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="230"/>
        <source>To %1</source>
        <comment>@info feed file</comment>
        <translation>Destino: %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="236"/>
        <source>%1 · buffer %2 · %3</source>
        <comment>@info format · buffer · locations</comment>
        <translation>%1 · margen %2 · %3</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="251"/>
        <source>No channels yet: orders from a channel, or New channel…, bring one.</source>
        <comment>@info</comment>
        <translation>Aún no hay canales: se crean con los pedidos de un canal o con Nuevo canal…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="267"/>
        <source>Choose a channel.</source>
        <comment>@info</comment>
        <translation>Elija un canal.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="267"/>
        <source>Loading the channels…</source>
        <comment>@info</comment>
        <translation>Cargando los canales…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="298"/>
        <source>Last written:</source>
        <comment>@label</comment>
        <translation>Última escritura:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="303"/>
        <source>%1 by %2</source>
        <comment>@info time, user</comment>
        <translation>%1 por %2</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="304"/>
        <source>never</source>
        <comment>@info feed written</comment>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="308"/>
        <source>File:</source>
        <comment>@label</comment>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="313"/>
        <source>none yet</source>
        <comment>@info feed file</comment>
        <translation>ninguno aún</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="317"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="325"/>
        <source>Buffer:</source>
        <comment>@label</comment>
        <translation>Margen:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="333"/>
        <source>Locations:</source>
        <comment>@label</comment>
        <translation>Ubicaciones:</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="348"/>
        <source>Write feed…</source>
        <comment>@action:button</comment>
        <translation>Escribir feed…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="355"/>
        <source>Write what the channel may sell now to a file (Ctrl+S)</source>
        <comment>@info:tooltip</comment>
        <translation>Escribir en un archivo lo que el canal puede vender ahora (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="356"/>
        <source>Write the stock feed of %1</source>
        <comment>@action:button</comment>
        <translation>Escribir el feed de stock de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="359"/>
        <source>Settings…</source>
        <comment>@action:button</comment>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="363"/>
        <source>Buffer, locations and format of the feed (Ctrl+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Margen, ubicaciones y formato del feed (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="364"/>
        <source>Feed settings of %1</source>
        <comment>@action:button</comment>
        <translation>Ajustes del feed de %1</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="385"/>
        <source>Dismiss the message</source>
        <comment>@action:button</comment>
        <translation>Descartar el mensaje</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ChannelsPage.qml" line="394"/>
        <source>%n number(s) differ from the last feed:</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n cifra difiere del último feed:</numerusform>
            <numerusform>%n cifras difieren del último feed:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ChannelsPage.qml" line="395"/>
        <source>%n number(s) to send in the first feed:</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n cifra por enviar en el primer feed:</numerusform>
            <numerusform>%n cifras por enviar en el primer feed:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="396"/>
        <source>Every number matches the last feed.</source>
        <comment>@info</comment>
        <translation>Todas las cifras coinciden con el último feed.</translation>
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
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="423"/>
        <source>Last sent</source>
        <comment>@title:column</comment>
        <translation>Último envío</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="423"/>
        <source>Now</source>
        <comment>@title:column</comment>
        <translation>Ahora</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="424"/>
        <source>Difference</source>
        <comment>@title:column</comment>
        <translation>Diferencia</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="452"/>
        <source>Changed numbers</source>
        <comment>@label</comment>
        <translation>Cifras modificadas</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="468"/>
        <source>%1 at %2: last sent %3, now %4</source>
        <comment>@info</comment>
        <translation>%1 en %2: último envío %3, ahora %4</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="514"/>
        <source>✓ Up to date: the channel has what Stockroom would send now.</source>
        <comment>@info</comment>
        <translation>✓ Actualizado: el canal tiene lo que Stockroom enviaría ahora.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="515"/>
        <source>Nothing to send.</source>
        <comment>@info</comment>
        <translation>Nada que enviar.</translation>
    </message>
    <message>
        <location filename="../qml/ChannelsPage.qml" line="524"/>
        <source>Showing the first %1 of %2.</source>
        <comment>@info</comment>
        <translation>Se muestran los primeros %1 de %2.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="18"/>
        <source>Database connection</source>
        <comment>@title:window</comment>
        <translation>Conexión a la base de datos</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="41"/>
        <source>Engine:</source>
        <comment>@label:listbox</comment>
        <translation>Motor:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="50"/>
        <source>SQLite file (this desktop only)</source>
        <comment>@item:inlistbox</comment>
        <translation>Archivo SQLite (solo este equipo)</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="51"/>
        <source>PostgreSQL server (shared)</source>
        <comment>@item:inlistbox</comment>
        <translation>Servidor PostgreSQL (compartido)</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="55"/>
        <source>Engine</source>
        <comment>@label</comment>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="60"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="67"/>
        <source>Database file</source>
        <comment>@label</comment>
        <translation>Archivo de base de datos</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="72"/>
        <source>Host:</source>
        <comment>@label:textbox</comment>
        <translation>Host:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="79"/>
        <source>Host</source>
        <comment>@label</comment>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="83"/>
        <source>Port:</source>
        <comment>@label:spinbox</comment>
        <translation>Puerto:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="93"/>
        <source>Port</source>
        <comment>@label</comment>
        <translation>Puerto</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="97"/>
        <source>Database:</source>
        <comment>@label:textbox</comment>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="104"/>
        <source>Database name</source>
        <comment>@label</comment>
        <translation>Nombre de la base de datos</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="108"/>
        <source>User:</source>
        <comment>@label:textbox</comment>
        <translation>Usuario:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="115"/>
        <source>User</source>
        <comment>@label</comment>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="119"/>
        <source>Password:</source>
        <comment>@label:textbox</comment>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <location filename="../qml/ConnectionDialog.qml" line="127"/>
        <source>Password</source>
        <comment>@label</comment>
        <translation>Contraseña</translation>
    </message>
</context>
<context>
    <name>ConnectionSpec</name>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="43"/>
        <source>Unknown setting &quot;%1&quot; in the PostgreSQL address: Stockroom knows sslmode, sslrootcert, sslcert and sslkey.</source>
        <translation>Ajuste desconocido «%1» en la dirección de PostgreSQL: Stockroom conoce sslmode, sslrootcert, sslcert y sslkey.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="49"/>
        <source>The setting %1 in the PostgreSQL address has no value.</source>
        <translation>El ajuste %1 de la dirección de PostgreSQL no tiene valor.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="54"/>
        <source>The setting %1 in the PostgreSQL address contains a &apos;;&apos; or a NUL character, which cannot reach the PostgreSQL library: rename the file.</source>
        <translation>El ajuste %1 de la dirección de PostgreSQL contiene un «;» o un carácter NUL, que no puede llegar a la biblioteca de PostgreSQL: cambie el nombre del archivo.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="61"/>
        <source>sslmode must be one of %1, not &quot;%2&quot;.</source>
        <translation>sslmode debe ser uno de %1, no «%2».</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="98"/>
        <source>The database connection string is empty.</source>
        <translation>La cadena de conexión a la base de datos está vacía.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="105"/>
        <source>Cannot read the PostgreSQL address &quot;%1&quot;: expected postgresql://user[:password]@host[:port]/dbname.</source>
        <translation>No se puede leer la dirección de PostgreSQL «%1»: se esperaba postgresql://user[:password]@host[:port]/dbname.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="117"/>
        <source>The PostgreSQL address names no database: add /dbname at its end.</source>
        <translation>La dirección de PostgreSQL no indica ninguna base de datos: añada /dbname al final.</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="133"/>
        <source>Unknown database kind in &quot;%1&quot;: use a file path, sqlite:PATH or postgresql://…</source>
        <translation>Tipo de base de datos desconocido en «%1»: use una ruta de archivo, sqlite:PATH o postgresql://…</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="146"/>
        <source>synchronous must be off, normal, full or extra, not &quot;%1&quot;.</source>
        <translation>synchronous debe ser off, normal, full o extra, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/store/connectionspec.cpp" line="153"/>
        <source>The SQLite connection string names no file.</source>
        <translation>La cadena de conexión SQLite no indica ningún archivo.</translation>
    </message>
</context>
<context>
    <name>CountService</name>
    <message>
        <location filename="../src/services/countservice.cpp" line="15"/>
        <source>whole location</source>
        <translation>toda la ubicación</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="19"/>
        <source>bins %1*</source>
        <translation>huecos %1*</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="22"/>
        <source>class %1</source>
        <translation>clase %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="25"/>
        <source>not counted for %n days</source>
        <translation>
            <numerusform>sin contar desde hace %n día</numerusform>
            <numerusform>sin contar desde hace %n días</numerusform>
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
        <translation>Un recuento cíclico necesita un subconjunto: huecos, una clase ABC, días desde el último recuento o SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="43"/>
        <source>ABC classes are A, B and C, not %1.</source>
        <translation>Las clases ABC son A, B y C, no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="93"/>
        <source>No products at %1 match this count (%2).</source>
        <translation>Ningún artículo de %1 coincide con este recuento (%2).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="99"/>
        <source>%n product(s) are already in an unfinished count at %1: %2. Finish that count first.</source>
        <translation>
            <numerusform>%n artículo ya está en un recuento sin terminar en %1: %2. Termine primero ese recuento.</numerusform>
            <numerusform>%n artículos ya están en un recuento sin terminar en %1: %2. Termine primero ese recuento.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="125"/>
        <source>There is no stock count %1.</source>
        <translation>No existe el recuento de inventario %1.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="132"/>
        <source>A counted quantity is 0 to 1,000,000 (adding: at least 1), not %1.</source>
        <translation>Una cantidad contada va de 0 a 1.000.000 (al sumar: al menos 1), no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="146"/>
        <source>%1 is %2: counting has ended.</source>
        <translation>%1 está en estado %2: el recuento ha terminado.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="155"/>
        <source>%1 is not on %2: count it in a count of its own, or start a count that includes it.</source>
        <translation>%1 no está en %2: cuéntelo en un recuento propio o inicie un recuento que lo incluya.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="201"/>
        <source>%1 has %n line(s) not counted yet: %2. Count them (0 if none are there) before submitting.</source>
        <translation>
            <numerusform>%1 tiene %n línea sin contar aún: %2. Cuéntela (0 si no hay ninguno) antes de enviar a aprobación.</numerusform>
            <numerusform>%1 tiene %n líneas sin contar aún: %2. Cuéntelas (0 si no hay ninguno) antes de enviar a aprobación.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="207"/>
        <source>submitted</source>
        <translation>enviado a aprobación</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="218"/>
        <source>Approving a count&apos;s variances</source>
        <translation>Aprobar las diferencias de un recuento</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="221"/>
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/countservice.cpp" line="232"/>
        <source>approved %1 at %2: %n line(s) adjusted</source>
        <translation>
            <numerusform>aprobado %1 en %2: %n línea ajustada</numerusform>
            <numerusform>aprobado %1 en %2: %n líneas ajustadas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="251"/>
        <source>%1 cannot be approved: %2 at %3 would go from %4 to %5 on hand, but %6 are reserved for orders. Cancel or reroute those orders, or recount.</source>
        <translation>%1 no se puede aprobar: %2 en %3 pasaría de %4 a %5 en existencia, pero hay %6 reservados para pedidos. Cancele o reasigne esos pedidos, o vuelva a contar.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="263"/>
        <source>counted %1, book %2</source>
        <translation>contado %1, teórico %2</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="278"/>
        <source>Rejecting a count needs a reason.</source>
        <translation>Rechazar un recuento requiere un motivo.</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="280"/>
        <source>Rejecting a count</source>
        <translation>Rechazar un recuento</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="283"/>
        <source>rejected: %1</source>
        <translation>rechazado: %1</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="285"/>
        <source>rejected</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <location filename="../src/services/countservice.cpp" line="296"/>
        <source>reopened</source>
        <translation>reabierto</translation>
    </message>
</context>
<context>
    <name>CountsPage</name>
    <message>
        <location filename="../qml/CountsPage.qml" line="14"/>
        <source>Counts</source>
        <comment>@title:tab</comment>
        <translation>Recuentos</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="107"/>
        <source>Submit %1?</source>
        <comment>@title:window</comment>
        <translation>¿Enviar %1 a aprobación?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="109"/>
        <source>%n line(s) are not counted yet: count them first (0 if none are there).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n línea aún no se ha contado: cuéntela primero (0 si no hay ninguno).</numerusform>
            <numerusform>%n líneas aún no se han contado: cuéntelas primero (0 si no hay ninguno).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="110"/>
        <source>Counting ends and the variance report goes to a manager.</source>
        <comment>@info</comment>
        <translation>El recuento finaliza y el informe de diferencias pasa a un responsable.</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="119"/>
        <source>Approve %1?</source>
        <comment>@title:window</comment>
        <translation>¿Aprobar %1?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="132"/>
        <source>The stock at %1 is adjusted to what was counted: %n line(s), net %2 units (%3).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>El stock en %1 se ajusta a lo contado: %n línea, neto %2 unidades (%3).</numerusform>
            <numerusform>El stock en %1 se ajusta a lo contado: %n líneas, neto %2 unidades (%3).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="139"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="140"/>
        <source>Approval note</source>
        <comment>@label</comment>
        <translation>Nota de aprobación</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="151"/>
        <source>Reject %1</source>
        <comment>@title:window</comment>
        <translation>Rechazar %1</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="170"/>
        <source>Nothing is booked. Why?</source>
        <comment>@label:textbox</comment>
        <translation>No se contabiliza nada. ¿Por qué?</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="176"/>
        <source>e.g. counted the wrong bins</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej., se contaron huecos equivocados</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="177"/>
        <source>Reason for rejecting</source>
        <comment>@label</comment>
        <translation>Motivo del rechazo</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="208"/>
        <source>Show stock counts by status</source>
        <comment>@label</comment>
        <translation>Mostrar recuentos de inventario por estado</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="211"/>
        <source>Start count…</source>
        <comment>@action:button</comment>
        <translation>Iniciar recuento…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="216"/>
        <source>Start a stock count</source>
        <comment>@action:button</comment>
        <translation>Iniciar un recuento de inventario</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="221"/>
        <source>%n count(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n recuento</numerusform>
            <numerusform>%n recuentos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="237"/>
        <source>Count</source>
        <comment>@title:column</comment>
        <translation>Recuento</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="237"/>
        <source>Location · scope</source>
        <comment>@title:column</comment>
        <translation>Ubicación · alcance</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="238"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="238"/>
        <source>Started</source>
        <comment>@title:column</comment>
        <translation>Iniciado</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="239"/>
        <source>Counted</source>
        <comment>@title:column counted / all lines</comment>
        <translation>Contado</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="239"/>
        <source>Variance</source>
        <comment>@title:column</comment>
        <translation>Diferencia</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="241"/>
        <source>No stock counts here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation>No hay recuentos de inventario. Ctrl+N inicia uno.</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="255"/>
        <source>No stock count selected</source>
        <comment>@info</comment>
        <translation>Ningún recuento de inventario seleccionado</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="277"/>
        <source>Blind</source>
        <comment>@info the counter does not see the expected quantities</comment>
        <translation>Ciego</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="291"/>
        <source>started by %1, %2</source>
        <comment>@info</comment>
        <translation>iniciado por %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="292"/>
        <source>submitted by %1, %2</source>
        <comment>@info</comment>
        <translation>enviado a aprobación por %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="293"/>
        <source>%1 by %2, %3</source>
        <comment>@info decision by who, when</comment>
        <translation>%1 por %2, %3</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="302"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="303"/>
        <source>Decision: %1</source>
        <comment>@info</comment>
        <translation>Decisión: %1</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="338"/>
        <source>Qty (empty: +1)</source>
        <comment>@info:placeholder</comment>
        <translation>Cant. (vacío: +1)</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="345"/>
        <source>Counted quantity; empty adds one per scan</source>
        <comment>@label</comment>
        <translation>Cantidad contada; vacío suma una por escaneo</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="358"/>
        <source>Scan or type SKU / GTIN (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>Escanee o escriba SKU / GTIN (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="361"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation>Escaneo o SKU</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="365"/>
        <source>Record</source>
        <comment>@action:button</comment>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="368"/>
        <source>Record the count</source>
        <comment>@action:button</comment>
        <translation>Registrar el recuento</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="386"/>
        <source>Lines counted</source>
        <comment>@label</comment>
        <translation>Líneas contadas</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="390"/>
        <source>%1 of %n line(s) counted</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 de %n línea contada</numerusform>
            <numerusform>%1 de %n líneas contadas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="403"/>
        <source>Submit…</source>
        <comment>@action:button end counting</comment>
        <translation>Enviar a aprobación…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="410"/>
        <source>Approve…</source>
        <comment>@action:button book the variances</comment>
        <translation>Aprobar…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="418"/>
        <source>Reject…</source>
        <comment>@action:button</comment>
        <translation>Rechazar…</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="425"/>
        <source>Reopen</source>
        <comment>@action:button count again</comment>
        <translation>Reabrir</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="441"/>
        <source>No variance: every counted line matches the books.</source>
        <comment>@info</comment>
        <translation>Sin diferencias: todas las líneas contadas coinciden con las existencias teóricas.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/CountsPage.qml" line="442"/>
        <source>Net %1 units (%2) · %n line(s) differ · gross %3 units (%4)</source>
        <comment>@info variance totals</comment>
        <translation>
            <numerusform>Neto %1 unidades (%2) · %n línea difiere · bruto %3 unidades (%4)</numerusform>
            <numerusform>Neto %1 unidades (%2) · %n líneas difieren · bruto %3 unidades (%4)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="453"/>
        <source>Only differences</source>
        <comment>@option:check</comment>
        <translation>Solo diferencias</translation>
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
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="466"/>
        <source>Expected</source>
        <comment>@title:column on hand at the start</comment>
        <translation>Esperado</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="467"/>
        <source>At count</source>
        <comment>@title:column on hand when counted</comment>
        <translation>Al contar</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="468"/>
        <location filename="../qml/CountsPage.qml" line="475"/>
        <source>Counted</source>
        <comment>@title:column</comment>
        <translation>Contado</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="469"/>
        <source>Var.</source>
        <comment>@title:column variance in units</comment>
        <translation>Dif.</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="470"/>
        <source>Value</source>
        <comment>@title:column variance at average cost</comment>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="472"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Hueco</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="476"/>
        <source>By</source>
        <comment>@title:column counted by</comment>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../qml/CountsPage.qml" line="486"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation>Último cambio por %1, %2</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../src/io/csvreader.cpp" line="105"/>
        <source>the file cannot be read any further: %1</source>
        <translation>el archivo no se puede seguir leyendo: %1</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="218"/>
        <source>a quoted field starts here and is never closed (a missing &quot;).</source>
        <translation>aquí empieza un campo entre comillas que nunca se cierra (falta una &quot;).</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="231"/>
        <source>text follows a closing quote (a quote inside a quoted field is written &quot;&quot;).</source>
        <translation>hay texto después de unas comillas de cierre (unas comillas dentro de un campo entrecomillado se escriben &quot;&quot;).</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="330"/>
        <source>the file is not UTF-8 text (save it as &quot;CSV UTF-8&quot;).</source>
        <translation>el archivo no es texto UTF-8 (guárdelo como «CSV UTF-8»).</translation>
    </message>
    <message>
        <location filename="../src/io/csvreader.cpp" line="395"/>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <location filename="../src/io/dataexport.cpp" line="111"/>
        <location filename="../src/io/dataexport.cpp" line="121"/>
        <source>Writing failed: %1</source>
        <translation>Error de escritura: %1</translation>
    </message>
    <message>
        <location filename="../src/io/dataexport.cpp" line="133"/>
        <source>Cannot start the file over: %1</source>
        <translation>No se puede volver a empezar el archivo: %1</translation>
    </message>
    <message>
        <location filename="../src/io/dataexport.cpp" line="145"/>
        <source>The output cannot be started over.</source>
        <translation>La salida no se puede volver a empezar.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/DashboardPage.qml" line="14"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="298"/>
        <source>Open orders</source>
        <comment>@label</comment>
        <translation>Pedidos abiertos</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="300"/>
        <source>%n backordered</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n pendiente de stock</numerusform>
            <numerusform>%n pendientes de stock</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="303"/>
        <source>Shipped orders</source>
        <comment>@label</comment>
        <translation>Pedidos enviados</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="305"/>
        <source>all time</source>
        <comment>@info</comment>
        <translation>desde siempre</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="308"/>
        <source>Units available</source>
        <comment>@label</comment>
        <translation>Unidades disponibles</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="310"/>
        <source>of %1 on hand</source>
        <comment>@info</comment>
        <translation>de %1 en existencia</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="313"/>
        <source>Stock value</source>
        <comment>@label</comment>
        <translation>Valor del stock</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="315"/>
        <source>%n stock line(s) sold out</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n línea de stock agotada</numerusform>
            <numerusform>%n líneas de stock agotadas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="318"/>
        <source>Stock-out risks</source>
        <comment>@label</comment>
        <translation>Riesgos de rotura de stock</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="320"/>
        <source>cover shorter than the lead time</source>
        <comment>@info</comment>
        <translation>cobertura inferior al plazo de entrega</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="327"/>
        <source>The planning figures could not be read: %1</source>
        <comment>@info</comment>
        <translation>No se han podido leer las cifras de planificación: %1</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="340"/>
        <source>Sales per week</source>
        <comment>@title</comment>
        <translation>Ventas por semana</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="345"/>
        <source>No whole week of sales yet.</source>
        <comment>@info</comment>
        <translation>Aún no hay ninguna semana completa de ventas.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="352"/>
        <source>Units ordered</source>
        <comment>@label chart series</comment>
        <translation>Unidades pedidas</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="353"/>
        <source>Trend</source>
        <comment>@label chart series</comment>
        <translation>Tendencia</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="358"/>
        <source>Forecast vs actual, all products</source>
        <comment>@title</comment>
        <translation>Previsión frente a real, todos los artículos</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="363"/>
        <source>Nothing to compare yet.</source>
        <comment>@info</comment>
        <translation>Aún no hay nada que comparar.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="370"/>
        <source>Actual units</source>
        <comment>@label chart series</comment>
        <translation>Unidades reales</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="371"/>
        <source>Forecast 4 weeks before</source>
        <comment>@label chart series</comment>
        <translation>Previsión 4 semanas antes</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="376"/>
        <source>Stock value by location</source>
        <comment>@title</comment>
        <translation>Valor del stock por ubicación</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="378"/>
        <source>%1 in all, at moving-average cost</source>
        <comment>@info</comment>
        <translation>%1 en total, a coste medio ponderado</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="382"/>
        <source>No stock on hand.</source>
        <comment>@info</comment>
        <translation>No hay stock en existencia.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DashboardPage.qml" line="388"/>
        <source>%n unit(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unidad</numerusform>
            <numerusform>%n unidades</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="395"/>
        <source>Stock-out risk (%1)</source>
        <comment>@title number of levels</comment>
        <translation>Riesgo de rotura de stock (%1)</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="396"/>
        <source>Cover: days that stock + on order + in transit last at the last 4 weeks&apos; rate. Enter opens the forecast.</source>
        <comment>@info</comment>
        <translation>Cobertura: días que duran el stock + en pedido + en tránsito al ritmo de las últimas 4 semanas. Enter abre la previsión.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="401"/>
        <source>Replenish…</source>
        <comment>@action:button</comment>
        <translation>Reponer…</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="406"/>
        <source>Purchase and transfer suggestions, created as drafts (Ctrl+Shift+R)</source>
        <comment>@info:tooltip</comment>
        <translation>Sugerencias de compra y traspaso, creadas como borradores (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="407"/>
        <source>Replenish</source>
        <comment>@action:button</comment>
        <translation>Reponer</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="416"/>
        <source>No location runs out before a delivery could arrive.</source>
        <comment>@info</comment>
        <translation>Ninguna ubicación se queda sin stock antes de que pueda llegar una entrega.</translation>
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
        <translation>Ubic.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="420"/>
        <source>Cover d</source>
        <comment>@title:column days of cover</comment>
        <translation>Cob. d</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="421"/>
        <source>Lead d</source>
        <comment>@title:column lead time in days</comment>
        <translation>Plazo d</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="422"/>
        <source>Out</source>
        <comment>@title:column expected stock-out day</comment>
        <translation>Rotura</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="427"/>
        <source>Top movers, last 30 days</source>
        <comment>@title</comment>
        <translation>Mayor rotación, últimos 30 días</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="428"/>
        <source>Units ordered, and the change against the 30 days before.</source>
        <comment>@info</comment>
        <translation>Unidades pedidas y variación respecto a los 30 días anteriores.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="434"/>
        <source>Nothing ordered in the last 30 days.</source>
        <comment>@info</comment>
        <translation>No se ha pedido nada en los últimos 30 días.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="437"/>
        <source>Product</source>
        <comment>@title:column</comment>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="438"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="439"/>
        <source>Change</source>
        <comment>@title:column</comment>
        <translation>Variación</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="444"/>
        <source>Slow movers (%1)</source>
        <comment>@title number of products</comment>
        <translation>Baja rotación (%1)</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="446"/>
        <source>In stock, no order for 60 days or more: %1 tied up.</source>
        <comment>@info</comment>
        <translation>En stock, sin pedidos desde hace 60 días o más: %1 inmovilizados.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="452"/>
        <source>Every product in stock sold in the last 60 days.</source>
        <comment>@info</comment>
        <translation>Todos los artículos en stock se han vendido en los últimos 60 días.</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="455"/>
        <source>Value</source>
        <comment>@title:column stock value</comment>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../qml/DashboardPage.qml" line="456"/>
        <source>Since</source>
        <comment>@title:column last sale</comment>
        <translation>Desde</translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <location filename="../src/io/dataexport.cpp" line="316"/>
        <location filename="../src/io/dataexport.cpp" line="320"/>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../src/store/database.cpp" line="29"/>
        <source>The text</source>
        <translation>El texto</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="74"/>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation>El controlador SQL de Qt %1 no está instalado (paquete de Debian %2).</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="85"/>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>No se puede crear la carpeta %1 para la base de datos.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="108"/>
        <source>(the server&apos;s certificate is not signed by the CA in %1: ask whoever runs the server for its CA certificate and name it in sslrootcert)</source>
        <translation>(el certificado del servidor no está firmado por la CA de %1: pida a quien administre el servidor su certificado de CA e indíquelo en sslrootcert)</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="115"/>
        <source>Cannot open the database %1: %2</source>
        <translation>No se puede abrir la base de datos %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="149"/>
        <source>switching to WAL</source>
        <translation>cambiar a WAL</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="172"/>
        <source>The database is busy (%1); try again.</source>
        <translation>La base de datos está ocupada (%1); inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="177"/>
        <source>The disk that holds the database is full: free some space, then try again. (%1)</source>
        <translation>El disco que contiene la base de datos está lleno: libere espacio y vuelva a intentarlo. (%1)</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="180"/>
        <source>Database error while %1: %2</source>
        <translation>Error de base de datos al %1: %2</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="191"/>
        <location filename="../src/store/database.cpp" line="233"/>
        <source>preparing a statement</source>
        <translation>preparar una sentencia</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="209"/>
        <location filename="../src/store/database.cpp" line="295"/>
        <location filename="../src/store/database.cpp" line="336"/>
        <source>running a statement</source>
        <translation>ejecutar una sentencia</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="241"/>
        <source>A statement takes %1 values, not %2: %3</source>
        <translation>Una sentencia admite %1 valores, no %2: %3</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="412"/>
        <location filename="../src/store/database.cpp" line="421"/>
        <source>An insert returned no id.</source>
        <translation>Una inserción no ha devuelto ningún id.</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="431"/>
        <location filename="../src/store/database.cpp" line="472"/>
        <source>running %1</source>
        <translation>ejecutar %1</translation>
    </message>
    <message>
        <location filename="../src/store/database.cpp" line="467"/>
        <source>The connection to the database was lost while saving: whether the change was saved is unknown. Look it up before entering it again. (%1)</source>
        <translation>Se ha perdido la conexión con la base de datos al guardar: no se sabe si el cambio se ha guardado. Compruébelo antes de volver a introducirlo. (%1)</translation>
    </message>
</context>
<context>
    <name>DemandChart</name>
    <message>
        <location filename="../qml/DemandChart.qml" line="50"/>
        <source>Units ordered</source>
        <comment>@label chart series</comment>
        <translation>Unidades pedidas</translation>
    </message>
    <message>
        <location filename="../qml/DemandChart.qml" line="58"/>
        <source>Orders</source>
        <comment>@label chart series</comment>
        <translation>Pedidos</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <location filename="../src/services/demodata.cpp" line="166"/>
        <source>Archived orders must be between 1 and 5,000,000.</source>
        <translation>Los pedidos archivados deben estar entre 1 y 5.000.000.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="174"/>
        <source>Archived orders need the demo catalogue first (stockroomctl demo).</source>
        <translation>Los pedidos archivados requieren primero el catálogo de demostración (stockroomctl demo).</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="237"/>
        <location filename="../src/services/demodata.cpp" line="288"/>
        <source>archived order</source>
        <translation>pedido archivado</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="276"/>
        <source>archived history</source>
        <translation>historial archivado</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="305"/>
        <source>Demo products must be between 1 and 5000.</source>
        <translation>Los artículos de demostración deben estar entre 1 y 5000.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="309"/>
        <source>Demo locations must be between 1 and %1.</source>
        <translation>Las ubicaciones de demostración deben estar entre 1 y %1.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="312"/>
        <source>Demo days must be between 1 and 3650.</source>
        <translation>Los días de demostración deben estar entre 1 y 3650.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="317"/>
        <source>The database already holds products; demo data goes into an empty database.</source>
        <translation>La base de datos ya contiene artículos; los datos de demostración van en una base de datos vacía.</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="439"/>
        <source>opening stock</source>
        <translation>stock inicial</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="483"/>
        <source>rebalancing stock</source>
        <translation>reequilibrio de stock</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="517"/>
        <source>quarterly count</source>
        <translation>recuento trimestral</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="520"/>
        <source>variances checked</source>
        <translation>diferencias comprobadas</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="548"/>
        <source>damaged in transit</source>
        <translation>dañado en tránsito</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="574"/>
        <source>for the weekend market</source>
        <translation>para el mercadillo del fin de semana</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="604"/>
        <source>supplier delivery</source>
        <translation>entrega del proveedor</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="627"/>
        <source>Front door</source>
        <translation>Puerta de entrada</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="673"/>
        <source>Mail centre</source>
        <translation>Centro postal</translation>
    </message>
    <message>
        <location filename="../src/services/demodata.cpp" line="673"/>
        <source>Accepted at the mail centre</source>
        <translation>Admitido en el centro postal</translation>
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
        <translation>Con retraso</translation>
    </message>
</context>
<context>
    <name>DocumentFlow</name>
    <message>
        <location filename="../src/services/documentflow.cpp" line="17"/>
        <source>%1 needs a quantity between 1 and %2, not %3.</source>
        <translation>%1 necesita una cantidad entre 1 y %2, no %3.</translation>
    </message>
    <message>
        <location filename="../src/services/documentflow.cpp" line="44"/>
        <source>%1 was changed meanwhile.</source>
        <translation>%1 se ha modificado entretanto.</translation>
    </message>
    <message>
        <location filename="../src/services/documentflow.h" line="58"/>
        <source>%1 is %2: it cannot be %3.</source>
        <translation>%1 está en estado %2: no puede ser %3.</translation>
    </message>
</context>
<context>
    <name>DocumentLinesEditor</name>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="65"/>
        <source>SKU or scan</source>
        <comment>@info:placeholder</comment>
        <translation>SKU o escaneo</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="66"/>
        <source>SKU of line %1</source>
        <comment>@label</comment>
        <translation>SKU de la línea %1</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="76"/>
        <source>Qty</source>
        <comment>@info:placeholder quantity</comment>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="82"/>
        <source>Quantity of line %1</source>
        <comment>@label</comment>
        <translation>Cantidad de la línea %1</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="100"/>
        <source>Cost</source>
        <comment>@info:placeholder unit cost, optional</comment>
        <translation>Coste</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="102"/>
        <source>Unit cost of line %1 (empty: the product&apos;s cost)</source>
        <comment>@label</comment>
        <translation>Coste unitario de la línea %1 (vacío: el coste del artículo)</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="115"/>
        <source>Remove line %1</source>
        <comment>@action:button</comment>
        <translation>Quitar la línea %1</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="117"/>
        <source>Remove this line</source>
        <comment>@info:tooltip</comment>
        <translation>Quitar esta línea</translation>
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
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="148"/>
        <source>Unit cost</source>
        <comment>@title:column</comment>
        <translation>Coste unitario</translation>
    </message>
    <message>
        <location filename="../qml/DocumentLinesEditor.qml" line="177"/>
        <source>Add line</source>
        <comment>@action:button</comment>
        <translation>Añadir línea</translation>
    </message>
</context>
<context>
    <name>DocumentMessage</name>
    <message>
        <location filename="../qml/DocumentMessage.qml" line="21"/>
        <source>It is shown as it is now: look again before you retry.</source>
        <comment>@info</comment>
        <translation>Se muestra tal como está ahora: revíselo antes de volver a intentarlo.</translation>
    </message>
    <message>
        <location filename="../qml/DocumentMessage.qml" line="30"/>
        <source>Dismiss the message</source>
        <comment>@action:button</comment>
        <translation>Descartar el mensaje</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../qml/ExportDialog.qml" line="43"/>
        <source>Export</source>
        <comment>@title:window</comment>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="49"/>
        <source>Export to</source>
        <comment>@title:window</comment>
        <translation>Exportar a</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="52"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="52"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="58"/>
        <source>Export</source>
        <comment>@action:button</comment>
        <translation>Exportar</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="64"/>
        <source>Write the file (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Escribir el archivo (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="67"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="95"/>
        <source>What:</source>
        <comment>@label:listbox</comment>
        <translation>Qué:</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="105"/>
        <source>What to export</source>
        <comment>@label</comment>
        <translation>Qué exportar</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="115"/>
        <source>Since:</source>
        <comment>@label:textbox</comment>
        <translation>Desde:</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="128"/>
        <source>yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation>aaaa-mm-dd</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="130"/>
        <source>Since date (optional)</source>
        <comment>@label</comment>
        <translation>Fecha desde (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="136"/>
        <source>Movements from that day on; empty: all.</source>
        <comment>@info</comment>
        <translation>Movimientos desde ese día; vacío: todos.</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="137"/>
        <source>Orders placed or changed from that day on; empty: all.</source>
        <comment>@info</comment>
        <translation>Pedidos realizados o modificados desde ese día; vacío: todos.</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="138"/>
        <source>Always everything as it is now.</source>
        <comment>@info</comment>
        <translation>Siempre todo tal como está ahora.</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="145"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="152"/>
        <source>File to write</source>
        <comment>@label</comment>
        <translation>Archivo que se va a escribir</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="156"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="159"/>
        <source>Choose where to save the file (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation>Elegir dónde guardar el archivo (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="160"/>
        <source>Choose the file</source>
        <comment>@action:button</comment>
        <translation>Elegir el archivo</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="173"/>
        <source>Exporting</source>
        <comment>@info</comment>
        <translation>Exportando</translation>
    </message>
    <message>
        <location filename="../qml/ExportDialog.qml" line="178"/>
        <source>Exporting…</source>
        <comment>@info</comment>
        <translation>Exportando…</translation>
    </message>
</context>
<context>
    <name>ExportService</name>
    <message>
        <location filename="../src/services/feedservice.cpp" line="393"/>
        <source>The database interrupted the export; run it again.</source>
        <translation>La base de datos ha interrumpido la exportación; vuelva a ejecutarla.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="505"/>
        <source>&quot;%1&quot; is not a date like 2025-05-01 or a time like 2025-05-01T09:30:00Z.</source>
        <translation>«%1» no es una fecha como 2025-05-01 ni una hora como 2025-05-01T09:30:00Z.</translation>
    </message>
</context>
<context>
    <name>FeedService</name>
    <message>
        <location filename="../src/services/feedservice.cpp" line="73"/>
        <source>There is no channel &quot;%1&quot;: set one up with its feed settings first.</source>
        <translation>No existe el canal «%1»: configúrelo primero con sus ajustes de feed.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="239"/>
        <source>Changing a channel&apos;s settings</source>
        <translation>Modificar los ajustes de un canal</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="242"/>
        <source>A channel needs a name.</source>
        <translation>Un canal necesita un nombre.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="245"/>
        <source>A buffer is a number of units from 0 to %1, not %2.</source>
        <translation>Un margen es un número de unidades de 0 a %1, no %2.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="251"/>
        <source>A buffer percentage is from 0 to 100, not %1.</source>
        <translation>Un margen porcentual va de 0 a 100, no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="257"/>
        <source>&quot;%1&quot; is not a feed format: csv or shopify-inventory.</source>
        <translation>«%1» no es un formato de feed: csv o shopify-inventory.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="280"/>
        <source>The channel &quot;%1&quot; was not saved.</source>
        <translation>El canal «%1» no se ha guardado.</translation>
    </message>
    <message>
        <location filename="../src/services/feedservice.cpp" line="306"/>
        <source>stock feed settings of %1 changed</source>
        <translation>ajustes del feed de stock de %1 modificados</translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <location filename="../qml/ForecastChart.qml" line="94"/>
        <source>Units per day</source>
        <comment>@title:axis</comment>
        <translation>Unidades por día</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="95"/>
        <source>Units per month</source>
        <comment>@title:axis</comment>
        <translation>Unidades por mes</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="96"/>
        <source>Units per week</source>
        <comment>@title:axis</comment>
        <translation>Unidades por semana</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="100"/>
        <source>Stockout</source>
        <comment>@label chart series: periods with nothing to sell</comment>
        <translation>Rotura de stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="111"/>
        <source>95 % interval</source>
        <comment>@label chart series</comment>
        <translation>Intervalo del 95 %</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="125"/>
        <source>80 % interval</source>
        <comment>@label chart series</comment>
        <translation>Intervalo del 80 %</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="141"/>
        <source>Demand</source>
        <comment>@label chart series: units ordered per period</comment>
        <translation>Demanda</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="150"/>
        <source>Forecast</source>
        <comment>@label chart series</comment>
        <translation>Previsión</translation>
    </message>
    <message>
        <location filename="../qml/ForecastChart.qml" line="159"/>
        <source>Today</source>
        <comment>@label chart series</comment>
        <translation>Hoy</translation>
    </message>
</context>
<context>
    <name>ForecastPage</name>
    <message>
        <location filename="../qml/ForecastPage.qml" line="35"/>
        <source>days</source>
        <comment>@label horizon unit</comment>
        <translation>días</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="36"/>
        <source>months</source>
        <comment>@label horizon unit</comment>
        <translation>meses</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="37"/>
        <source>weeks</source>
        <comment>@label horizon unit</comment>
        <translation>semanas</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="39"/>
        <source>all locations</source>
        <comment>@info</comment>
        <translation>todas las ubicaciones</translation>
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
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="122"/>
        <source>SKU or name… (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>SKU o nombre… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="125"/>
        <source>Type a SKU or a name; arrow keys choose, Enter shows it.</source>
        <comment>@info</comment>
        <translation>Escriba un SKU o un nombre; las flechas eligen y Enter lo muestra.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="181"/>
        <source>Matching products</source>
        <comment>@label</comment>
        <translation>Artículos coincidentes</translation>
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
        <translation>Ningún artículo coincide.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="198"/>
        <source>Searching…</source>
        <comment>@info</comment>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="211"/>
        <location filename="../qml/ForecastPage.qml" line="232"/>
        <source>Location</source>
        <comment>@label</comment>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="217"/>
        <source>All locations</source>
        <comment>@item</comment>
        <translation>Todas las ubicaciones</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="245"/>
        <source>Demand per</source>
        <comment>@label followed by day, week or month</comment>
        <translation>Demanda por</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="252"/>
        <source>Day</source>
        <comment>@item demand period</comment>
        <translation>Día</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="253"/>
        <source>Week</source>
        <comment>@item demand period</comment>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="254"/>
        <source>Month</source>
        <comment>@item demand period</comment>
        <translation>Mes</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="259"/>
        <source>Demand per day, week or month</source>
        <comment>@label</comment>
        <translation>Demanda por día, semana o mes</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="267"/>
        <source>Working</source>
        <comment>@info</comment>
        <translation>Calculando</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="15"/>
        <location filename="../qml/ForecastPage.qml" line="301"/>
        <location filename="../qml/ForecastPage.qml" line="302"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation>Previsión</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="307"/>
        <location filename="../qml/ForecastPage.qml" line="308"/>
        <source>Available to promise</source>
        <comment>@title:tab</comment>
        <translation>Disponible para prometer</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="313"/>
        <location filename="../qml/ForecastPage.qml" line="314"/>
        <source>What-if: reorder policies</source>
        <comment>@title:tab</comment>
        <translation>¿Y si…?: políticas de reposición</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="336"/>
        <source>Demand and forecast chart</source>
        <comment>@label</comment>
        <translation>Gráfico de demanda y previsión</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="341"/>
        <source>No demand recorded here yet.</source>
        <comment>@info</comment>
        <translation>Aún no hay demanda registrada aquí.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="354"/>
        <source>Method</source>
        <comment>@label forecast method</comment>
        <translation>Método</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="362"/>
        <source>working it out…</source>
        <comment>@info</comment>
        <translation>calculando…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="364"/>
        <source>%1, chosen automatically</source>
        <comment>@info forecast method</comment>
        <translation>%1, elegido automáticamente</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="369"/>
        <source>season of %1 %2</source>
        <comment>@info season length, unit</comment>
        <translation>estacionalidad de %1 %2</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="375"/>
        <source>Demand</source>
        <comment>@label demand class</comment>
        <translation>Demanda</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="381"/>
        <source>%1 (ADI %2, CV² %3) · learnt from %4 %5, %6 with stockouts left out</source>
        <comment>@info demand class, ADI, CV², periods, unit, stockout periods</comment>
        <translation>%1 (ADI %2, CV² %3) · calculado a partir de %4 %5, excluidos %6 con rotura de stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="387"/>
        <source>Accuracy</source>
        <comment>@label backtest accuracy</comment>
        <translation>Precisión</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="393"/>
        <source>too little history for a backtest</source>
        <comment>@info</comment>
        <translation>historial insuficiente para un backtest</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="394"/>
        <source>MASE %1 · sMAPE %2 % · bias %3 units a period — backtest of %4 origins, %5 %6 ahead</source>
        <comment>@info</comment>
        <translation>MASE %1 · sMAPE %2 % · sesgo %3 unidades por periodo — backtest de %4 orígenes, a %5 %6 vista</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="399"/>
        <source>MASE below 1: better than the seasonal naive forecast. Bias above 0: the forecast was too high.</source>
        <comment>@info:tooltip</comment>
        <translation>MASE por debajo de 1: mejor que la previsión ingenua estacional. Sesgo por encima de 0: la previsión fue demasiado alta.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="422"/>
        <source>Available to promise chart</source>
        <comment>@label</comment>
        <translation>Gráfico de disponible para prometer</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="445"/>
        <source>What makes up the available stock</source>
        <comment>@label</comment>
        <translation>Composición del stock disponible</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="455"/>
        <source>%1: %2 %3, %4</source>
        <comment>@info date: kind qty, note</comment>
        <translation>%1: %2 %3, %4</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="489"/>
        <source>Working it out…</source>
        <comment>@info</comment>
        <translation>Calculando…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="489"/>
        <source>Nothing on hand or on its way.</source>
        <comment>@info</comment>
        <translation>Nada en existencia ni en camino.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="503"/>
        <source>Promise to a customer</source>
        <comment>@title</comment>
        <translation>Compromiso con un cliente</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="516"/>
        <source>Units to promise</source>
        <comment>@label</comment>
        <translation>Unidades a prometer</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="520"/>
        <source>Earliest date</source>
        <comment>@action:button</comment>
        <translation>Fecha más temprana</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="523"/>
        <source>Earliest date these units can be promised</source>
        <comment>@action:button</comment>
        <translation>Fecha más temprana en que se pueden prometer estas unidades</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="530"/>
        <source>%1 units: %2, from %3</source>
        <comment>@info units, date, locations</comment>
        <translation>%1 unidades: %2, desde %3</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="531"/>
        <source>%1 units cannot be promised within the horizon (%2 could be).</source>
        <comment>@info</comment>
        <translation>%1 unidades no se pueden prometer dentro del horizonte (se podrían %2).</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="541"/>
        <source>On hand first, then what arrives after the backorders already waiting.</source>
        <comment>@info</comment>
        <translation>Primero lo que hay en existencia; después, lo que llega tras los pedidos pendientes que ya esperan.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="563"/>
        <source>Fill rate against stock value</source>
        <comment>@label</comment>
        <translation>Tasa de servicio frente a valor del stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="569"/>
        <source>Simulating…</source>
        <comment>@info</comment>
        <translation>Simulando…</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="605"/>
        <source>Policy</source>
        <comment>@title:column</comment>
        <translation>Política</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="611"/>
        <source>Target</source>
        <comment>@title:column service level</comment>
        <translation>Objetivo</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="618"/>
        <source>Fill rate</source>
        <comment>@title:column</comment>
        <translation>Tasa de servicio</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="625"/>
        <source>Stock value</source>
        <comment>@title:column average</comment>
        <translation>Valor del stock</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="642"/>
        <source>Simulated policies</source>
        <comment>@label</comment>
        <translation>Políticas simuladas</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="662"/>
        <source>%1 for %2: fill rate %3, stock value %4</source>
        <comment>@info</comment>
        <translation>%1 para %2: tasa de servicio %3, valor del stock %4</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="713"/>
        <source>Now: reorder at %1, order %2 (fill rate %3)</source>
        <comment>@info</comment>
        <translation>Ahora: punto de pedido %1, pedir %2 (tasa de servicio %3)</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="715"/>
        <source>No reorder settings at %1 yet.</source>
        <comment>@info</comment>
        <translation>Aún no hay parámetros de reposición en %1.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="716"/>
        <source>Reorder settings are per location: choose one to apply a policy.</source>
        <comment>@info</comment>
        <translation>Los parámetros de reposición son por ubicación: elija una para aplicar una política.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="721"/>
        <source>Choose a point in the list or on the chart.</source>
        <comment>@info</comment>
        <translation>Elija un punto en la lista o en el gráfico.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="723"/>
        <source>Reorder at %1, order %2 up to %3.</source>
        <comment>@info</comment>
        <translation>Punto de pedido %1, pedir %2 hasta %3.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="724"/>
        <source>Every %1 days, order up to %2 (not a reorder setting).</source>
        <comment>@info</comment>
        <translation>Cada %1 días, pedir hasta %2 (no es un parámetro de reposición).</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="734"/>
        <source>Apply</source>
        <comment>@action:button</comment>
        <translation>Aplicar</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="742"/>
        <source>Write the chosen reorder point and quantity at %1</source>
        <comment>@info:tooltip</comment>
        <translation>Escribir el punto de pedido y la cantidad elegidos en %1</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="743"/>
        <source>Apply the chosen policy to the reorder settings</source>
        <comment>@action:button</comment>
        <translation>Aplicar la política elegida a los parámetros de reposición</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="746"/>
        <source>Undo</source>
        <comment>@action:button</comment>
        <translation>Deshacer</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="750"/>
        <source>Undo: write back the reorder settings as they were</source>
        <comment>@action:button</comment>
        <translation>Deshacer: restaurar los parámetros de reposición anteriores</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="792"/>
        <source>What if</source>
        <comment>@title</comment>
        <translation>¿Y si…?</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="796"/>
        <source>Method</source>
        <comment>@label</comment>
        <translation>Método</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="806"/>
        <source>Forecast method</source>
        <comment>@label</comment>
        <translation>Método de previsión</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="810"/>
        <source>Horizon</source>
        <comment>@label</comment>
        <translation>Horizonte</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="823"/>
        <source>Horizon in %1</source>
        <comment>@label</comment>
        <translation>Horizonte en %1</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="831"/>
        <location filename="../qml/ForecastPage.qml" line="845"/>
        <source>Service level</source>
        <comment>@label</comment>
        <translation>Nivel de servicio</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="855"/>
        <source>Lead time</source>
        <comment>@label</comment>
        <translation>Plazo de entrega</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="868"/>
        <source>Lead time in days</source>
        <comment>@label</comment>
        <translation>Plazo de entrega en días</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="872"/>
        <source>days</source>
        <comment>@label lead time unit</comment>
        <translation>días</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="879"/>
        <source>%1 delivers in %2 days.</source>
        <comment>@info supplier, days</comment>
        <translation>%1 entrega en %2 días.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="880"/>
        <source>Never bought yet: 7 days assumed.</source>
        <comment>@info</comment>
        <translation>Sin compras aún: se suponen 7 días.</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="898"/>
        <source>Replenishment at %1</source>
        <comment>@title location</comment>
        <translation>Reposición en %1</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="916"/>
        <source>On hand / reserved</source>
        <comment>@label</comment>
        <translation>En existencia / reservado</translation>
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
        <translation>Comprometido con pedidos pendientes</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="932"/>
        <source>On order / in transit</source>
        <comment>@label</comment>
        <translation>En pedido / en tránsito</translation>
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
        <translation>Stock previsto</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="949"/>
        <source>Lead-time demand</source>
        <comment>@label forecast demand over the lead time</comment>
        <translation>Demanda en el plazo de entrega</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="957"/>
        <source>Safety stock</source>
        <comment>@label</comment>
        <translation>Stock de seguridad</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="965"/>
        <source>Reorder point</source>
        <comment>@label</comment>
        <translation>Punto de pedido</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="973"/>
        <source>Order up to</source>
        <comment>@label</comment>
        <translation>Nivel objetivo</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="981"/>
        <source>Suggested order</source>
        <comment>@label</comment>
        <translation>Pedido sugerido</translation>
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
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="992"/>
        <source>Days of cover</source>
        <comment>@label</comment>
        <translation>Días de cobertura</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1000"/>
        <source>Reorder settings now</source>
        <comment>@label</comment>
        <translation>Parámetros de reposición actuales</translation>
    </message>
    <message>
        <location filename="../qml/ForecastPage.qml" line="1003"/>
        <source>per location</source>
        <comment>@info</comment>
        <translation>por ubicación</translation>
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
        <translation>El pago de %1 está en estado %2: no puede ser %3.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="103"/>
        <source>authorized</source>
        <translation>autorizado</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="107"/>
        <source>payment of %1 authorized</source>
        <translation>pago de %1 autorizado</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="115"/>
        <source>A payment must be more than 0.00 and at most %1.</source>
        <translation>Un pago debe ser mayor que 0,00 y como máximo %1.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="120"/>
        <source>paid</source>
        <translation>pagado</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="124"/>
        <source>paid %1</source>
        <translation>pagado %1</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="132"/>
        <source>A refund must be more than 0.00.</source>
        <translation>Un reembolso debe ser mayor que 0,00.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="139"/>
        <source>refunded</source>
        <translation>reembolsado</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="142"/>
        <source>%1 was paid %2 and refunded %3 already: at most %4 can be refunded, not %5.</source>
        <translation>%1 ya tiene pagado %2 y reembolsado %3: se puede reembolsar como máximo %4, no %5.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="150"/>
        <source>refunded %1</source>
        <translation>reembolsado %1</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="161"/>
        <source>voided</source>
        <translation>anulado</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="163"/>
        <source>payment voided</source>
        <translation>pago anulado</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="171"/>
        <source>A hold needs a reason (e.g. &quot;address check&quot;).</source>
        <translation>Poner un pedido en espera requiere un motivo (p. ej., «comprobación de dirección»).</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="175"/>
        <source>put on hold</source>
        <translation>puesto en espera</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="178"/>
        <source>on hold: %1 (reservations kept)</source>
        <translation>en espera: %1 (se mantienen las reservas)</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="193"/>
        <source>Order %1 is %2, not on hold.</source>
        <translation>El pedido %1 está en estado %2, no en espera.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/fulfilmentservice.cpp" line="198"/>
        <source>Order %1 has %n line(s) naming no product of ours: map each SKU to a product (SKU aliases) or drop the line first.</source>
        <translation>
            <numerusform>El pedido %1 tiene %n línea que no corresponde a ningún artículo nuestro: vincule cada SKU a un artículo (alias de SKU) o descarte antes la línea.</numerusform>
            <numerusform>El pedido %1 tiene %n líneas que no corresponden a ningún artículo nuestro: vincule cada SKU a un artículo (alias de SKU) o descarte antes esas líneas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="204"/>
        <source>taken off hold</source>
        <translation>quitado de la espera</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="209"/>
        <source>hold lifted: %1</source>
        <translation>fin de la espera: %1</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="234"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="250"/>
        <source>released for picking</source>
        <translation>liberado para preparación</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="238"/>
        <source>Order %1 has nothing allocated to pick.</source>
        <translation>El pedido %1 no tiene nada asignado que preparar.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="244"/>
        <source>Order %1 is not paid (%2): it is released for picking only when paid, or when its channel or customer pays later.</source>
        <translation>El pedido %1 no está pagado (%2): solo se libera para preparación cuando está pagado o cuando su canal o su cliente pagan más tarde.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="261"/>
        <source>released for picking at %1%2</source>
        <translation>liberado para preparación en %1%2</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="264"/>
        <source> (pays later)</source>
        <translation> (paga más tarde)</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="269"/>
        <location filename="../src/services/fulfilmentservice.cpp" line="344"/>
        <source>packed</source>
        <translation>embalado</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="271"/>
        <source>still packed from before the hold</source>
        <translation>sigue embalado desde antes de la espera</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="285"/>
        <source>Nothing was scanned.</source>
        <translation>No se ha escaneado nada.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="296"/>
        <source>Too many: order %1 is packed completely already.</source>
        <translation>Demasiados: el pedido %1 ya está embalado por completo.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="300"/>
        <source>Order %1 is %2: release it for picking before packing.</source>
        <translation>El pedido %1 está en estado %2: libérelo para preparación antes de embalar.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="317"/>
        <source>Wrong item: %1 is not in order %2. Put it back.</source>
        <translation>Artículo incorrecto: %1 no está en el pedido %2. Devuélvalo a su sitio.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="335"/>
        <source>Too many: all %1 × %2 of order %3 are packed already.</source>
        <translation>Demasiados: ya se han embalado los %1 × %2 del pedido %3.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/fulfilmentservice.cpp" line="350"/>
        <source>packed, %n unit(s) scanned</source>
        <translation>
            <numerusform>embalado, %n unidad escaneada</numerusform>
            <numerusform>embalado, %n unidades escaneadas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="373"/>
        <source>A channel needs a name.</source>
        <translation>Un canal necesita un nombre.</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="376"/>
        <source>Changing a channel&apos;s fulfilment rules</source>
        <translation>Modificar las reglas de preparación y envío de un canal</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="385"/>
        <source>fulfilment rules set</source>
        <translation>reglas de preparación y envío establecidas</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="399"/>
        <source>Changing a customer&apos;s fulfilment rules</source>
        <translation>Modificar las reglas de preparación y envío de un cliente</translation>
    </message>
    <message>
        <location filename="../src/services/fulfilmentservice.cpp" line="405"/>
        <source>There is no customer &quot;%1&quot;.</source>
        <translation>No existe el cliente «%1».</translation>
    </message>
</context>
<context>
    <name>Gtin</name>
    <message>
        <location filename="../src/domain/tracking.cpp" line="564"/>
        <source>No GTIN was entered.</source>
        <translation>No se ha introducido ningún GTIN.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="568"/>
        <source>A GTIN has digits only; &quot;%1&quot; is not one.</source>
        <translation>Un GTIN solo tiene dígitos; «%1» no lo es.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="573"/>
        <source>A GTIN has 8, 12, 13 or 14 digits, not %1.</source>
        <translation>Un GTIN tiene 8, 12, 13 o 14 dígitos, no %1.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="580"/>
        <source>GTIN-%1: check digit should be %2, not %3.</source>
        <translation>GTIN-%1: el dígito de control debería ser %2, no %3.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="18"/>
        <source>Everywhere</source>
        <comment>@title:group shortcuts</comment>
        <translation>En todas partes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="19"/>
        <source>Show or hide this list of shortcuts</source>
        <comment>@info shortcut</comment>
        <translation>Mostrar u ocultar esta lista de atajos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="20"/>
        <source>Orders, Inventory, Receiving, Transfers, Counts, Forecast, Dashboard, Channels, Audit</source>
        <comment>@info shortcut</comment>
        <translation>Pedidos, Inventario, Recepción, Traspasos, Recuentos, Previsión, Panel, Canales, Auditoría</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="21"/>
        <source>Reload every view</source>
        <comment>@info shortcut</comment>
        <translation>Volver a cargar todas las vistas</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="22"/>
        <source>Settings: language and text size</source>
        <comment>@info shortcut</comment>
        <translation>Ajustes: idioma y tamaño del texto</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="23"/>
        <source>Database connection</source>
        <comment>@info shortcut</comment>
        <translation>Conexión a la base de datos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="24"/>
        <source>Next / previous control</source>
        <comment>@info shortcut</comment>
        <translation>Control siguiente / anterior</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="25"/>
        <source>Press the focused button, open the focused row</source>
        <comment>@info shortcut</comment>
        <translation>Pulsar el botón con el foco, abrir la fila con el foco</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="26"/>
        <source>Close a dialog or this list</source>
        <comment>@info shortcut</comment>
        <translation>Cerrar un diálogo o esta lista</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="27"/>
        <source>Confirm a dialog (create, import, receive, save)</source>
        <comment>@info shortcut</comment>
        <translation>Confirmar un diálogo (crear, importar, recibir, guardar)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="29"/>
        <source>Orders</source>
        <comment>@title:group shortcuts</comment>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="30"/>
        <source>Search orders</source>
        <comment>@info shortcut</comment>
        <translation>Buscar pedidos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="31"/>
        <source>Previous / next order</source>
        <comment>@info shortcut</comment>
        <translation>Pedido anterior / siguiente</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="32"/>
        <source>Select or unselect the order for bulk actions</source>
        <comment>@info shortcut</comment>
        <translation>Seleccionar o deseleccionar el pedido para acciones en bloque</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="33"/>
        <source>Select every loaded order</source>
        <comment>@info shortcut</comment>
        <translation>Seleccionar todos los pedidos cargados</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="34"/>
        <source>New order</source>
        <comment>@info shortcut</comment>
        <translation>Nuevo pedido</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="35"/>
        <source>Confirm payment</source>
        <comment>@info shortcut</comment>
        <translation>Confirmar el pago</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="36"/>
        <source>Release to the warehouse</source>
        <comment>@info shortcut</comment>
        <translation>Liberar al almacén para su preparación</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="37"/>
        <source>Hold</source>
        <comment>@info shortcut</comment>
        <translation>Poner en espera</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="38"/>
        <source>Release a hold</source>
        <comment>@info shortcut</comment>
        <translation>Quitar la espera</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="39"/>
        <source>Pack (scan the items)</source>
        <comment>@info shortcut</comment>
        <translation>Embalar (escanear los artículos)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="40"/>
        <source>Ship</source>
        <comment>@info shortcut</comment>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="41"/>
        <source>Cancel the order</source>
        <comment>@info shortcut</comment>
        <translation>Cancelar el pedido</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="42"/>
        <source>Shipping labels as PDF</source>
        <comment>@info shortcut</comment>
        <translation>Etiquetas de envío en PDF</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="43"/>
        <source>Print shipping labels</source>
        <comment>@info shortcut</comment>
        <translation>Imprimir etiquetas de envío</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="44"/>
        <source>Pick list for a location</source>
        <comment>@info shortcut</comment>
        <translation>Lista de preparación de una ubicación</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="45"/>
        <source>Import orders from a shop&apos;s CSV file</source>
        <comment>@info shortcut</comment>
        <translation>Importar pedidos del archivo CSV de una tienda</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="46"/>
        <source>SKU aliases (map unknown SKUs)</source>
        <comment>@info shortcut</comment>
        <translation>Alias de SKU (vincular SKU desconocidos)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="47"/>
        <source>Export orders</source>
        <comment>@info shortcut</comment>
        <translation>Exportar pedidos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="49"/>
        <source>Inventory</source>
        <comment>@title:group shortcuts</comment>
        <translation>Inventario</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="50"/>
        <source>Search products</source>
        <comment>@info shortcut</comment>
        <translation>Buscar artículos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="51"/>
        <source>Open the product</source>
        <comment>@info shortcut</comment>
        <translation>Abrir el artículo</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="52"/>
        <source>New product</source>
        <comment>@info shortcut</comment>
        <translation>Nuevo artículo</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="53"/>
        <source>Edit the product</source>
        <comment>@info shortcut</comment>
        <translation>Editar el artículo</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="54"/>
        <source>Import products</source>
        <comment>@info shortcut</comment>
        <translation>Importar artículos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="55"/>
        <source>Export stock</source>
        <comment>@info shortcut</comment>
        <translation>Exportar stock</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="57"/>
        <source>Receiving</source>
        <comment>@title:group shortcuts</comment>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="58"/>
        <location filename="../qml/HelpOverlay.qml" line="66"/>
        <source>Filter by status</source>
        <comment>@info shortcut</comment>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="59"/>
        <source>New purchase order</source>
        <comment>@info shortcut</comment>
        <translation>Nuevo pedido de compra</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="60"/>
        <source>Place the purchase order</source>
        <comment>@info shortcut</comment>
        <translation>Realizar el pedido de compra</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="61"/>
        <location filename="../qml/HelpOverlay.qml" line="70"/>
        <source>Receive</source>
        <comment>@info shortcut</comment>
        <translation>Recibir</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="62"/>
        <source>Close short</source>
        <comment>@info shortcut</comment>
        <translation>Cerrar con faltante</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="63"/>
        <source>Cancel the purchase order</source>
        <comment>@info shortcut</comment>
        <translation>Cancelar el pedido de compra</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="65"/>
        <source>Transfers</source>
        <comment>@title:group shortcuts</comment>
        <translation>Traspasos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="67"/>
        <source>New transfer</source>
        <comment>@info shortcut</comment>
        <translation>Nuevo traspaso</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="68"/>
        <source>Request the transfer</source>
        <comment>@info shortcut</comment>
        <translation>Solicitar el traspaso</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="69"/>
        <source>Ship the transfer</source>
        <comment>@info shortcut</comment>
        <translation>Enviar el traspaso</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="71"/>
        <source>Write off missing units</source>
        <comment>@info shortcut</comment>
        <translation>Dar de baja las unidades faltantes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="72"/>
        <source>Keep looking for missing units</source>
        <comment>@info shortcut</comment>
        <translation>Seguir buscando las unidades faltantes</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="73"/>
        <source>Cancel the transfer</source>
        <comment>@info shortcut</comment>
        <translation>Cancelar el traspaso</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="75"/>
        <source>Counts</source>
        <comment>@title:group shortcuts</comment>
        <translation>Recuentos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="76"/>
        <source>Scan field (or the status filter)</source>
        <comment>@info shortcut</comment>
        <translation>Campo de escaneo (o el filtro de estado)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="77"/>
        <source>Start a count</source>
        <comment>@info shortcut</comment>
        <translation>Iniciar un recuento</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="78"/>
        <source>Submit for approval</source>
        <comment>@info shortcut</comment>
        <translation>Enviar a aprobación</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="79"/>
        <source>Approve the variances</source>
        <comment>@info shortcut</comment>
        <translation>Aprobar las diferencias</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="80"/>
        <source>Reject the variances</source>
        <comment>@info shortcut</comment>
        <translation>Rechazar las diferencias</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="81"/>
        <source>Reopen the count</source>
        <comment>@info shortcut</comment>
        <translation>Reabrir el recuento</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="83"/>
        <source>Channels</source>
        <comment>@title:group shortcuts</comment>
        <translation>Canales</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="84"/>
        <source>Write the stock feed</source>
        <comment>@info shortcut</comment>
        <translation>Escribir el feed de stock</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="85"/>
        <source>Channel settings</source>
        <comment>@info shortcut</comment>
        <translation>Ajustes del canal</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="86"/>
        <source>New channel</source>
        <comment>@info shortcut</comment>
        <translation>Nuevo canal</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="88"/>
        <source>Forecast</source>
        <comment>@title:group shortcuts</comment>
        <translation>Previsión</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="89"/>
        <source>Choose the product</source>
        <comment>@info shortcut</comment>
        <translation>Elegir el artículo</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="91"/>
        <source>Dashboard</source>
        <comment>@title:group shortcuts</comment>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="92"/>
        <source>Replenishment suggestions</source>
        <comment>@info shortcut</comment>
        <translation>Sugerencias de reposición</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="93"/>
        <source>Open the product of the focused row</source>
        <comment>@info shortcut</comment>
        <translation>Abrir el artículo de la fila con el foco</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="95"/>
        <source>In dialogs</source>
        <comment>@title:group shortcuts</comment>
        <translation>En los diálogos</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="96"/>
        <source>Choose a file (imports, exports)</source>
        <comment>@info shortcut</comment>
        <translation>Elegir un archivo (importaciones, exportaciones)</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="97"/>
        <source>Preview an import</source>
        <comment>@info shortcut</comment>
        <translation>Vista previa de una importación</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="98"/>
        <source>Plan the replenishment again</source>
        <comment>@info shortcut</comment>
        <translation>Volver a planificar la reposición</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="99"/>
        <source>Select every suggestion</source>
        <comment>@info shortcut</comment>
        <translation>Seleccionar todas las sugerencias</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="100"/>
        <source>Select or unselect a suggestion</source>
        <comment>@info shortcut</comment>
        <translation>Marcar o desmarcar una sugerencia</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="122"/>
        <source>Keyboard shortcuts</source>
        <comment>@title:window</comment>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="129"/>
        <source>Keyboard shortcuts</source>
        <comment>@title</comment>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="135"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../qml/HelpOverlay.qml" line="137"/>
        <source>Close the list of shortcuts</source>
        <comment>@action:button</comment>
        <translation>Cerrar la lista de atajos</translation>
    </message>
</context>
<context>
    <name>ImportOrdersDialog</name>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="56"/>
        <location filename="../qml/ImportOrdersDialog.qml" line="62"/>
        <source>Import orders</source>
        <comment>@title:window</comment>
        <translation>Importar pedidos</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="63"/>
        <source>Order exports (*.csv *.txt *.tsv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Exportaciones de pedidos (*.csv *.txt *.tsv)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="63"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="72"/>
        <source>Preview</source>
        <comment>@action:button</comment>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="78"/>
        <source>Check the file without changing anything (Ctrl+P)</source>
        <comment>@info:tooltip</comment>
        <translation>Comprobar el archivo sin cambiar nada (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="79"/>
        <source>Preview the import</source>
        <comment>@action:button</comment>
        <translation>Vista previa de la importación</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="82"/>
        <source>Import</source>
        <comment>@action:button</comment>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="88"/>
        <source>Apply what the preview showed (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Aplicar lo que mostró la vista previa (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="89"/>
        <source>Import the orders</source>
        <comment>@action:button</comment>
        <translation>Importar los pedidos</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="92"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="125"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="131"/>
        <source>No file chosen</source>
        <comment>@info:placeholder</comment>
        <translation>Ningún archivo elegido</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="132"/>
        <source>File to import</source>
        <comment>@label</comment>
        <translation>Archivo que se va a importar</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="137"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="140"/>
        <source>Choose an order export (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation>Elegir una exportación de pedidos (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="141"/>
        <source>Choose a file</source>
        <comment>@action:button</comment>
        <translation>Elegir un archivo</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="144"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="156"/>
        <source>File format</source>
        <comment>@label</comment>
        <translation>Formato de archivo</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="159"/>
        <source>Channel:</source>
        <comment>@label:textbox</comment>
        <translation>Canal:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="167"/>
        <source>%1 (the format&apos;s channel)</source>
        <comment>@info:placeholder</comment>
        <translation>%1 (el canal del formato)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="168"/>
        <source>The format&apos;s channel</source>
        <comment>@info:placeholder</comment>
        <translation>El canal del formato</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="170"/>
        <source>Channel the orders belong to (empty: the format&apos;s)</source>
        <comment>@label</comment>
        <translation>Canal al que pertenecen los pedidos (vacío: el del formato)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="176"/>
        <source>Known…</source>
        <comment>@action:button channels seen so far</comment>
        <translation>Conocidos…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="180"/>
        <source>Choose one of the channels orders came from so far</source>
        <comment>@info:tooltip</comment>
        <translation>Elegir uno de los canales de los que han llegado pedidos hasta ahora</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="181"/>
        <source>Known channels</source>
        <comment>@action:button</comment>
        <translation>Canales conocidos</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="188"/>
        <source>The format&apos;s channel</source>
        <comment>@item:inmenu</comment>
        <translation>El canal del formato</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="222"/>
        <source>Importing…</source>
        <comment>@info</comment>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="222"/>
        <source>Checking the file against the database…</source>
        <comment>@info</comment>
        <translation>Comprobando el archivo con la base de datos…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="228"/>
        <source>An order export of Shopify, WooCommerce, Amazon, eBay or Etsy, or our own orders file. Preview shows what the file would do; nothing changes before Import, and a file with any problem is not imported at all. Importing a file again changes nothing: orders already here only move forward (paid, shipped, cancelled).</source>
        <comment>@info</comment>
        <translation>Una exportación de pedidos de Shopify, WooCommerce, Amazon, eBay o Etsy, o nuestro propio archivo de pedidos. Vista previa muestra lo que haría el archivo; no cambia nada antes de Importar, y un archivo con algún problema no se importa en absoluto. Volver a importar un archivo no cambia nada: los pedidos que ya están aquí solo avanzan (pagados, enviados, cancelados).</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="242"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="247"/>
        <source>%1 (detected)</source>
        <comment>@info file format</comment>
        <translation>%1 (detectado)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="252"/>
        <source>Channel:</source>
        <comment>@label</comment>
        <translation>Canal:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="262"/>
        <source>Rows read:</source>
        <comment>@label</comment>
        <translation>Filas leídas:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="270"/>
        <source>Orders:</source>
        <comment>@label</comment>
        <translation>Pedidos:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="276"/>
        <source>%1 new (%2 on hold), %3 updated, %4 unchanged</source>
        <comment>@info orders</comment>
        <translation>%1 nuevos (%2 en espera), %3 actualizados, %4 sin cambios</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="279"/>
        <source>; %1 with nothing to send skipped</source>
        <comment>@info orders</comment>
        <translation>; %1 sin nada que enviar omitidos</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="285"/>
        <source>Lines:</source>
        <comment>@label order lines</comment>
        <translation>Líneas:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="292"/>
        <source>%1, of which %2 with nothing to send (gift cards, digital goods)</source>
        <comment>@info order lines</comment>
        <translation>%1, de las cuales %2 sin nada que enviar (tarjetas regalo, productos digitales)</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="298"/>
        <source>Stock:</source>
        <comment>@label</comment>
        <translation>Stock:</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="304"/>
        <source>%1 units reserved, %2 backordered</source>
        <comment>@info stock</comment>
        <translation>%1 unidades reservadas, %2 pendientes de stock</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="312"/>
        <source>Imported: the orders are in the Orders view.</source>
        <comment>@info</comment>
        <translation>Importado: los pedidos están en la vista Pedidos.</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="314"/>
        <source>The file or the options changed since this preview: preview again.</source>
        <comment>@info</comment>
        <translation>El archivo o las opciones han cambiado desde esta vista previa: vuelva a generar la vista previa.</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="315"/>
        <source>Nothing has been changed yet: Import applies exactly this.</source>
        <comment>@info</comment>
        <translation>Aún no se ha cambiado nada: Importar aplica exactamente esto.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ImportOrdersDialog.qml" line="330"/>
        <source>%n problem(s) in %1: nothing will be imported until every one is fixed.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n problema en %1: no se importará nada hasta que se corrija.</numerusform>
            <numerusform>%n problemas en %1: no se importará nada hasta que se corrijan todos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="337"/>
        <source>Copy</source>
        <comment>@action:button</comment>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="344"/>
        <source>Copy every problem to the clipboard</source>
        <comment>@info:tooltip</comment>
        <translation>Copiar todos los problemas al portapapeles</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="345"/>
        <source>Copy the problems</source>
        <comment>@action:button</comment>
        <translation>Copiar los problemas</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="367"/>
        <source>Problems</source>
        <comment>@label</comment>
        <translation>Problemas</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="375"/>
        <source>Orders to look at (%1):</source>
        <comment>@info</comment>
        <translation>Pedidos que revisar (%1):</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="388"/>
        <source>Orders to look at</source>
        <comment>@label</comment>
        <translation>Pedidos que revisar</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="408"/>
        <source>⚠ Not our products (%1): %2</source>
        <comment>@info</comment>
        <translation>⚠ No son artículos nuestros (%1): %2</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="415"/>
        <source>Map SKUs…</source>
        <comment>@action:button</comment>
        <translation>Vincular SKU…</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="418"/>
        <source>Say which of our products each one is: the orders then come off hold</source>
        <comment>@info:tooltip</comment>
        <translation>Indique a cuál de nuestros artículos corresponde cada uno: entonces los pedidos dejan de estar en espera</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="419"/>
        <source>Map the unknown SKUs to our products</source>
        <comment>@action:button</comment>
        <translation>Vincular los SKU desconocidos a nuestros artículos</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="471"/>
        <source>line %1</source>
        <comment>@info file line</comment>
        <translation>línea %1</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="499"/>
        <source>Open order %1</source>
        <comment>@action:button</comment>
        <translation>Abrir el pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/ImportOrdersDialog.qml" line="505"/>
        <source>new</source>
        <comment>@info a new order, not imported yet</comment>
        <translation>nuevo</translation>
    </message>
</context>
<context>
    <name>ImportProductsDialog</name>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="46"/>
        <source>Import products and stock</source>
        <comment>@title:window</comment>
        <translation>Importar artículos y stock</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="57"/>
        <source>Import products or stock</source>
        <comment>@title:window</comment>
        <translation>Importar artículos o stock</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="58"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="58"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="67"/>
        <source>Preview</source>
        <comment>@action:button</comment>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="73"/>
        <source>Check the file without changing anything (Ctrl+P)</source>
        <comment>@info:tooltip</comment>
        <translation>Comprobar el archivo sin cambiar nada (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="76"/>
        <source>Import</source>
        <comment>@action:button</comment>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="82"/>
        <source>Apply what the preview showed (Ctrl+Enter)</source>
        <comment>@info:tooltip</comment>
        <translation>Aplicar lo que mostró la vista previa (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="85"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="118"/>
        <source>File:</source>
        <comment>@label:textbox</comment>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="124"/>
        <source>No file chosen</source>
        <comment>@info:placeholder</comment>
        <translation>Ningún archivo elegido</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="125"/>
        <source>File to import</source>
        <comment>@label</comment>
        <translation>Archivo que se va a importar</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="130"/>
        <source>Choose…</source>
        <comment>@action:button</comment>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="133"/>
        <source>Choose a CSV file (Ctrl+O)</source>
        <comment>@info:tooltip</comment>
        <translation>Elegir un archivo CSV (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="134"/>
        <source>Choose a file</source>
        <comment>@action:button</comment>
        <translation>Elegir un archivo</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="137"/>
        <source>Format:</source>
        <comment>@label:listbox</comment>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="149"/>
        <source>File format</source>
        <comment>@label</comment>
        <translation>Formato de archivo</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="152"/>
        <source>Rows without a location:</source>
        <comment>@label:listbox</comment>
        <translation>Filas sin ubicación:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="157"/>
        <source>None: every row names its location</source>
        <comment>@item:inlistbox</comment>
        <translation>Ninguna: cada fila indica su ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="160"/>
        <source>Location for rows without one</source>
        <comment>@label</comment>
        <translation>Ubicación para las filas sin ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="173"/>
        <source>The file names locations we do not have. Choose which of ours each one is, then preview again:</source>
        <comment>@info</comment>
        <translation>El archivo nombra ubicaciones que no tenemos. Elija a cuál de las nuestras corresponde cada una y vuelva a generar la vista previa:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="190"/>
        <source>“%1” is</source>
        <comment>@label:listbox the file&apos;s location name</comment>
        <translation>«%1» es</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="195"/>
        <source>Not mapped</source>
        <comment>@item:inlistbox</comment>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="198"/>
        <source>Our location for “%1”</source>
        <comment>@label</comment>
        <translation>Nuestra ubicación para «%1»</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="226"/>
        <source>Importing…</source>
        <comment>@info</comment>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="226"/>
        <source>Checking the file against the database…</source>
        <comment>@info</comment>
        <translation>Comprobando el archivo con la base de datos…</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="232"/>
        <source>Our products or stock file, or Shopify&apos;s products or inventory export (CSV). Preview shows what the file would change; nothing changes before Import, and a file with any problem is not imported at all.</source>
        <comment>@info</comment>
        <translation>Nuestro archivo de artículos o de stock, o la exportación de productos o de inventario de Shopify (CSV). Vista previa muestra lo que cambiaría el archivo; no cambia nada antes de Importar, y un archivo con algún problema no se importa en absoluto.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="246"/>
        <source>Format:</source>
        <comment>@label</comment>
        <translation>Formato:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="251"/>
        <source>%1 (detected)</source>
        <comment>@info file format</comment>
        <translation>%1 (detectado)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="255"/>
        <source>Rows read:</source>
        <comment>@label</comment>
        <translation>Filas leídas:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="263"/>
        <source>Products:</source>
        <comment>@label</comment>
        <translation>Artículos:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="268"/>
        <source>%1 new, %2 changed, %3 unchanged</source>
        <comment>@info products</comment>
        <translation>%1 nuevos, %2 modificados, %3 sin cambios</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="274"/>
        <source>Stock levels set:</source>
        <comment>@label</comment>
        <translation>Niveles de stock establecidos:</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="279"/>
        <source>%1 (%2 units in, %3 units out)</source>
        <comment>@info stock levels</comment>
        <translation>%1 (%2 unidades de entrada, %3 unidades de salida)</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="288"/>
        <source>Imported. Ledger reference: %1.</source>
        <comment>@info</comment>
        <translation>Importado. Referencia en el libro de existencias: %1.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="290"/>
        <source>The file or the options changed since this preview: preview again.</source>
        <comment>@info</comment>
        <translation>El archivo o las opciones han cambiado desde esta vista previa: vuelva a generar la vista previa.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="291"/>
        <source>Nothing has been changed yet: Import applies exactly this.</source>
        <comment>@info</comment>
        <translation>Aún no se ha cambiado nada: Importar aplica exactamente esto.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ImportProductsDialog.qml" line="302"/>
        <source>%n problem(s) in %1</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n problema en %1</numerusform>
            <numerusform>%n problemas en %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="317"/>
        <source>Problems</source>
        <comment>@label</comment>
        <translation>Problemas</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="334"/>
        <source>Nothing will be imported until every problem is fixed. The options changed: preview again.</source>
        <comment>@info</comment>
        <translation>No se importará nada hasta que se corrijan todos los problemas. Las opciones han cambiado: vuelva a generar la vista previa.</translation>
    </message>
    <message>
        <location filename="../qml/ImportProductsDialog.qml" line="335"/>
        <source>Nothing will be imported until every problem is fixed.</source>
        <comment>@info</comment>
        <translation>No se importará nada hasta que se corrijan todos los problemas.</translation>
    </message>
</context>
<context>
    <name>InvariantChecker</name>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="39"/>
        <source>ledger: %1 at %2 has on hand %3, reserved %4, but the ledger sums to %5 and %6</source>
        <translation>libro de existencias: %1 en %2 tiene %3 en existencia y %4 reservados, pero el libro de existencias suma %5 y %6</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="57"/>
        <source>reservations: %1 at %2 has %3 reserved but %4 in open allocations</source>
        <translation>reservas: %1 en %2 tiene %3 reservados, pero %4 en asignaciones abiertas</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="67"/>
        <source>availability: %1 at %2 has on hand %3 and reserved %4</source>
        <translation>disponibilidad: %1 en %2 tiene %3 en existencia y %4 reservados</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="81"/>
        <source>order line: %1 line %2 of %3 units has %4 shipped, %5 cancelled, %6 returned and %7 allocated</source>
        <translation>línea de pedido: %1, la línea %2 de %3 unidades tiene %4 enviadas, %5 canceladas, %6 devueltas y %7 asignadas</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="93"/>
        <source>order state: closed order %1 still holds stock on line %2</source>
        <translation>estado del pedido: el pedido cerrado %1 aún retiene stock en la línea %2</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="100"/>
        <source>imports: external order %1/%2 exists %3 times</source>
        <translation>importaciones: el pedido externo %1/%2 existe %3 veces</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="107"/>
        <source>payment: %1 has %2 refunded of %3 paid (cents)</source>
        <translation>pago: %1 tiene %2 reembolsados de %3 pagados (céntimos)</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="120"/>
        <source>return: %1 has %2 restocked and %3 written off of %4 × %5</source>
        <translation>devolución: %1 tiene %2 repuestos en stock y %3 dados de baja de %4 × %5</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="133"/>
        <source>returns: %1 line %2 counts %3 returned, but its returns list %4</source>
        <translation>devoluciones: %1, la línea %2 cuenta %3 devueltos, pero sus devoluciones indican %4</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="144"/>
        <source>packing: %1 line %2 has %3 packed of %4 allocated at %5</source>
        <translation>embalaje: %1, la línea %2 tiene %3 embalados de %4 asignados en %5</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="160"/>
        <source>delivery: %1 is delivered without a shipment</source>
        <translation>entrega: %1 está entregado sin ningún envío</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="162"/>
        <source>delivery: %1 is delivered, but %2 of its %3 shipments are not</source>
        <translation>entrega: %1 está entregado, pero %2 de sus %3 envíos no lo están</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="172"/>
        <source>tracking: shipment %1 of %2 is %3, but no tracking event says so</source>
        <translation>seguimiento: el envío %1 de %2 está en estado %3, pero ningún evento de seguimiento lo indica</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="185"/>
        <source>tracking: shipment %1 of %2 is delivered without a delivery time</source>
        <translation>seguimiento: el envío %1 de %2 está entregado sin hora de entrega</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="189"/>
        <source>tracking: shipment %1 of %2 is %3 but has a delivery time (%4)</source>
        <translation>seguimiento: el envío %1 de %2 está en estado %3, pero tiene una hora de entrega (%4)</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="220"/>
        <source>transfer: %1 (%2) %3 shipped %4, received %5, written off %6, but the ledger has %7 out and %8 in</source>
        <translation>traspaso: %1 (%2) %3 enviados %4, recibidos %5, dados de baja %6, pero el libro de existencias tiene %7 de salida y %8 de entrada</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="242"/>
        <source>purchase order: %1 (%2) received %3 × %4, but the ledger has %5</source>
        <translation>pedido de compra: %1 (%2) recibidos %3 × %4, pero el libro de existencias tiene %5</translation>
    </message>
    <message>
        <location filename="../src/store/invariantchecker.cpp" line="263"/>
        <source>count: %1 (%2) adjusts %3 by %4, but the ledger has %5</source>
        <translation>recuento: %1 (%2) ajusta %3 en %4, pero el libro de existencias tiene %5</translation>
    </message>
</context>
<context>
    <name>InventoryDelegate</name>
    <message>
        <location filename="../qml/InventoryDelegate.qml" line="56"/>
        <source>%1 %2 at %3: %4 available, %5 projected, %6</source>
        <comment>@info accessible</comment>
        <translation>%1 %2 en %3: %4 disponibles, %5 previstos, %6</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../qml/InventoryPage.qml" line="13"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation>Inventario</translation>
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
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="33"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="34"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Hueco</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="35"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="36"/>
        <source>Reserved</source>
        <comment>@title:column</comment>
        <translation>Reservado</translation>
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
        <translation>En tránsito</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="39"/>
        <source>On order</source>
        <comment>@title:column</comment>
        <translation>En pedido</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="40"/>
        <source>Projected</source>
        <comment>@title:column</comment>
        <translation>Previsto</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="41"/>
        <source>Reorder at</source>
        <comment>@title:column reorder point</comment>
        <translation>Pto. pedido</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="42"/>
        <source>Value</source>
        <comment>@title:column stock value</comment>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="43"/>
        <source>State</source>
        <comment>@title:column</comment>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="218"/>
        <source>Search SKU, product or location (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>Buscar SKU, artículo o ubicación (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="220"/>
        <source>Search stock</source>
        <comment>@label</comment>
        <translation>Buscar stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="238"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation>Todas las ubicaciones</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="240"/>
        <source>Filter by location</source>
        <comment>@label</comment>
        <translation>Filtrar por ubicación</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="244"/>
        <source>Below reorder point</source>
        <comment>@option:check</comment>
        <translation>Bajo el punto de pedido</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="250"/>
        <source>Out of stock</source>
        <comment>@option:check</comment>
        <translation>Sin stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="255"/>
        <source>New product…</source>
        <comment>@action:button</comment>
        <translation>Nuevo artículo…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="259"/>
        <source>Add a product (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation>Añadir un artículo (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="260"/>
        <source>New product</source>
        <comment>@action:button</comment>
        <translation>Nuevo artículo</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="263"/>
        <source>Import…</source>
        <comment>@action:button</comment>
        <translation>Importar…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="267"/>
        <source>Import products and stock from a file (Ctrl+I)</source>
        <comment>@info:tooltip</comment>
        <translation>Importar artículos y stock desde un archivo (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="268"/>
        <source>Import products and stock</source>
        <comment>@action:button</comment>
        <translation>Importar artículos y stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="271"/>
        <source>Export…</source>
        <comment>@action:button</comment>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="274"/>
        <source>Export stock, the ledger, products or orders to a CSV file (Ctrl+Shift+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Exportar stock, el libro de existencias, artículos o pedidos a un archivo CSV (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="275"/>
        <source>Export to a file</source>
        <comment>@action:button</comment>
        <translation>Exportar a un archivo</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="278"/>
        <source>Locations…</source>
        <comment>@action:button</comment>
        <translation>Ubicaciones…</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="281"/>
        <source>Add locations or change their priority, postcode and region</source>
        <comment>@info:tooltip</comment>
        <translation>Añadir ubicaciones o cambiar su prioridad, código postal y región</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="282"/>
        <source>Locations</source>
        <comment>@action:button</comment>
        <translation>Ubicaciones</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/InventoryPage.qml" line="288"/>
        <source>%n line(s) · %1 available · value %2</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n línea · %1 disponibles · valor %2</numerusform>
            <numerusform>%n líneas · %1 disponibles · valor %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="366"/>
        <source>Stock levels</source>
        <comment>@label</comment>
        <translation>Niveles de stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="396"/>
        <source>No stock lines match.</source>
        <comment>@info</comment>
        <translation>Ninguna línea de stock coincide.</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="425"/>
        <source>✖ Out of stock</source>
        <comment>@info legend</comment>
        <translation>✖ Sin stock</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="439"/>
        <source>⚠ Reorder: projected below the reorder point</source>
        <comment>@info legend</comment>
        <translation>⚠ Reponer: previsto por debajo del punto de pedido</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="444"/>
        <source>Projected = available + on order + in transit</source>
        <comment>@info legend</comment>
        <translation>Previsto = disponible + en pedido + en tránsito</translation>
    </message>
    <message>
        <location filename="../qml/InventoryPage.qml" line="450"/>
        <source>Showing the first %1 lines: narrow the search.</source>
        <comment>@info</comment>
        <translation>Se muestran las primeras %1 líneas: acote la búsqueda.</translation>
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
        <translation>SKU desconocido «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="21"/>
        <source>Unknown location &quot;%1&quot;.</source>
        <translation>Ubicación desconocida «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="28"/>
        <source>%1 was changed by %2 at %3 — reload?</source>
        <translation>%2 ha modificado %1 (%3): ¿recargar?</translation>
    </message>
    <message>
        <location filename="../src/services/servicecontext.cpp" line="29"/>
        <source>someone</source>
        <translation>alguien</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../src/ui/labels.cpp" line="15"/>
        <source>Draft</source>
        <comment>@label order status</comment>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="17"/>
        <source>Placed</source>
        <comment>@label order status</comment>
        <translation>Realizado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="19"/>
        <source>Backordered</source>
        <comment>@label order status</comment>
        <translation>Pendiente de stock</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="21"/>
        <source>Allocated</source>
        <comment>@label order status</comment>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="23"/>
        <source>Picking</source>
        <comment>@label order status</comment>
        <translation>En preparación</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="25"/>
        <source>Packed</source>
        <comment>@label order status</comment>
        <translation>Embalado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="27"/>
        <source>Partly shipped</source>
        <comment>@label order status</comment>
        <translation>Enviado parcialmente</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="29"/>
        <source>Shipped</source>
        <comment>@label order status</comment>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="31"/>
        <source>Delivered</source>
        <comment>@label order status</comment>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="33"/>
        <source>On hold</source>
        <comment>@label order status</comment>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="35"/>
        <source>Cancelled</source>
        <comment>@label order status</comment>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="42"/>
        <source>Pending</source>
        <comment>@label payment status</comment>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="44"/>
        <source>Authorised</source>
        <comment>@label payment status</comment>
        <translation>Autorizado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="46"/>
        <source>Paid</source>
        <comment>@label payment status</comment>
        <translation>Pagado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="48"/>
        <source>Partly refunded</source>
        <comment>@label payment status</comment>
        <translation>Reembolsado parcialmente</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="50"/>
        <source>Refunded</source>
        <comment>@label payment status</comment>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="52"/>
        <source>Voided</source>
        <comment>@label payment status</comment>
        <translation>Anulado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="59"/>
        <source>Label created</source>
        <comment>@label shipment status</comment>
        <translation>Etiqueta creada</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="61"/>
        <source>In transit</source>
        <comment>@label shipment status</comment>
        <translation>En tránsito</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="63"/>
        <source>Out for delivery</source>
        <comment>@label shipment status</comment>
        <translation>En reparto</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="65"/>
        <source>Delivered</source>
        <comment>@label shipment status</comment>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="67"/>
        <source>Exception</source>
        <comment>@label shipment status</comment>
        <translation>Incidencia</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="69"/>
        <source>Returned to sender</source>
        <comment>@label shipment status</comment>
        <translation>Devuelto al remitente</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="76"/>
        <source>Requested</source>
        <comment>@label return status</comment>
        <translation>Solicitada</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="78"/>
        <source>Received</source>
        <comment>@label return status</comment>
        <translation>Recibida</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="80"/>
        <source>Completed</source>
        <comment>@label return status</comment>
        <translation>Completada</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="82"/>
        <source>Refunded</source>
        <comment>@label return status</comment>
        <translation>Reembolsada</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="84"/>
        <source>Cancelled</source>
        <comment>@label return status</comment>
        <translation>Cancelada</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="91"/>
        <source>Manual</source>
        <comment>@label sales channel</comment>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../src/ui/labels.cpp" line="97"/>
        <source>Wholesale</source>
        <comment>@label sales channel</comment>
        <translation>Mayorista</translation>
    </message>
</context>
<context>
    <name>LedgerDelegate</name>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="53"/>
        <source>%1, %2: %3, on hand %4 → %5, %6</source>
        <comment>@info accessible ledger row</comment>
        <translation>%1, %2: %3, en existencia %4 → %5, %6</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="59"/>
        <source>by %1</source>
        <comment>@info:tooltip who booked it</comment>
        <translation>por %1</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="81"/>
        <source>Time</source>
        <comment>@title:column</comment>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="85"/>
        <source>Loc.</source>
        <comment>@title:column location</comment>
        <translation>Ubic.</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="89"/>
        <source>What</source>
        <comment>@title:column ledger reason</comment>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="98"/>
        <source>Document</source>
        <comment>@title:column</comment>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="103"/>
        <source>Open %1</source>
        <comment>@action</comment>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="122"/>
        <source>Change</source>
        <comment>@title:column change of on hand</comment>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="132"/>
        <source>Res.</source>
        <comment>@title:column change of reserved</comment>
        <translation>Res.</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="138"/>
        <source>On hand</source>
        <comment>@title:column on hand right after the movement</comment>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../qml/LedgerDelegate.qml" line="144"/>
        <source>By</source>
        <comment>@title:column user</comment>
        <translation>Por</translation>
    </message>
</context>
<context>
    <name>LocationsDialog</name>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="27"/>
        <source>Warehouse</source>
        <comment>@item:inlistbox location kind</comment>
        <translation>Almacén</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="28"/>
        <source>Store</source>
        <comment>@item:inlistbox location kind</comment>
        <translation>Tienda</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="29"/>
        <source>Third party (3PL)</source>
        <comment>@item:inlistbox location kind</comment>
        <translation>Tercero (3PL)</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="32"/>
        <source>Code</source>
        <comment>@title:column</comment>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="33"/>
        <source>Name</source>
        <comment>@title:column</comment>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="34"/>
        <source>Kind</source>
        <comment>@title:column</comment>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="35"/>
        <source>Priority</source>
        <comment>@title:column</comment>
        <translation>Prioridad</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="36"/>
        <source>Postcode</source>
        <comment>@title:column</comment>
        <translation>C. postal</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="37"/>
        <source>Region</source>
        <comment>@title:column</comment>
        <translation>Región</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="38"/>
        <source>Active</source>
        <comment>@title:column</comment>
        <translation>Activa</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="60"/>
        <source>yes</source>
        <comment>@item location active</comment>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="60"/>
        <source>no</source>
        <comment>@item location inactive</comment>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="114"/>
        <source>Locations</source>
        <comment>@title:window</comment>
        <translation>Ubicaciones</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="207"/>
        <source>Locations</source>
        <comment>@label</comment>
        <translation>Ubicaciones</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="259"/>
        <source>Code:</source>
        <comment>@label:textbox</comment>
        <translation>Código:</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="267"/>
        <source>e.g. WH-NORTH</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej., ALM-NORTE</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="268"/>
        <source>Location code</source>
        <comment>@label</comment>
        <translation>Código de ubicación</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="269"/>
        <source>The code of a location cannot be changed.</source>
        <comment>@info</comment>
        <translation>El código de una ubicación no se puede cambiar.</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="273"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation>Nombre:</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="279"/>
        <source>Location name</source>
        <comment>@label</comment>
        <translation>Nombre de la ubicación</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="283"/>
        <source>Kind:</source>
        <comment>@label:listbox</comment>
        <translation>Tipo:</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="290"/>
        <source>Kind of location</source>
        <comment>@label</comment>
        <translation>Tipo de ubicación</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="293"/>
        <source>Priority:</source>
        <comment>@label:textbox</comment>
        <translation>Prioridad:</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="301"/>
        <source>Priority</source>
        <comment>@label</comment>
        <translation>Prioridad</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="306"/>
        <source>Postcode:</source>
        <comment>@label:textbox</comment>
        <translation>Código postal:</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="312"/>
        <source>Postcode</source>
        <comment>@label</comment>
        <translation>Código postal</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="316"/>
        <source>Region:</source>
        <comment>@label:textbox</comment>
        <translation>Región:</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="322"/>
        <source>e.g. DE-BY</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej., ES-MD</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="323"/>
        <source>Region</source>
        <comment>@label</comment>
        <translation>Región</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="327"/>
        <source>Address:</source>
        <comment>@label:textbox</comment>
        <translation>Dirección:</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="334"/>
        <source>Address</source>
        <comment>@label</comment>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="345"/>
        <source>Active (stock can be kept and shipped here)</source>
        <comment>@option:check</comment>
        <translation>Activa (aquí se puede guardar y enviar stock)</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="356"/>
        <source>Priority: lower ships first. Order routing picks a location that can ship the whole order by priority; among equal priorities the nearest by postcode, then one in the ship-to region.</source>
        <comment>@info</comment>
        <translation>Prioridad: los valores más bajos envían primero. La asignación de pedidos elige por prioridad una ubicación que pueda enviar el pedido completo; entre prioridades iguales, la más cercana por código postal y, después, una de la región de destino.</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="378"/>
        <source>New location</source>
        <comment>@action:button</comment>
        <translation>Nueva ubicación</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="384"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="384"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../qml/LocationsDialog.qml" line="391"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
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
        <translation>Aún no hay usuarios (administrador)</translation>
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
        <translation>Usuarios…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="183"/>
        <source>Password…</source>
        <comment>@action:button</comment>
        <translation>Contraseña…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="186"/>
        <source>Users and roles</source>
        <comment>@action:button</comment>
        <translation>Usuarios y roles</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="186"/>
        <source>Change my password</source>
        <comment>@action:button</comment>
        <translation>Cambiar mi contraseña</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="189"/>
        <source>Sign out</source>
        <comment>@action:button</comment>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="193"/>
        <source>Forget this desktop&apos;s sign-in and quit</source>
        <comment>@info:tooltip</comment>
        <translation>Olvidar el inicio de sesión de este equipo y salir</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="197"/>
        <source>Connection…</source>
        <comment>@action:button</comment>
        <translation>Conexión…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="200"/>
        <source>Choose the database (Ctrl+Shift+D)</source>
        <comment>@info:tooltip</comment>
        <translation>Elegir la base de datos (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="201"/>
        <source>Database connection</source>
        <comment>@action:button</comment>
        <translation>Conexión a la base de datos</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="205"/>
        <source>Settings…</source>
        <comment>@action:button</comment>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="208"/>
        <source>Language and text size (Ctrl+,)</source>
        <comment>@info:tooltip</comment>
        <translation>Idioma y tamaño del texto (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="209"/>
        <source>Settings</source>
        <comment>@action:button</comment>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="213"/>
        <source>Help</source>
        <comment>@action:button</comment>
        <translation>Ayuda</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="216"/>
        <source>Keyboard shortcuts (F1)</source>
        <comment>@info:tooltip</comment>
        <translation>Atajos de teclado (F1)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="217"/>
        <source>Keyboard shortcuts</source>
        <comment>@action:button</comment>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="220"/>
        <source>Refresh</source>
        <comment>@action:button</comment>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="224"/>
        <source>Reload every view (F5)</source>
        <comment>@info:tooltip</comment>
        <translation>Volver a cargar todas las vistas (F5)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="239"/>
        <source>Database problem: %1</source>
        <comment>@info:status</comment>
        <translation>Problema de base de datos: %1</translation>
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
            <numerusform>%n equipo más conectado</numerusform>
            <numerusform>%n equipos más conectados</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="250"/>
        <source>● Live</source>
        <comment>@info:status live refresh on</comment>
        <translation>● En directo</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="251"/>
        <source>○ Not live</source>
        <comment>@info:status live refresh off</comment>
        <translation>○ Sin directo</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="253"/>
        <source>Live refresh on</source>
        <comment>@info</comment>
        <translation>Actualización en directo activada</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="253"/>
        <source>Live refresh off</source>
        <comment>@info</comment>
        <translation>Actualización en directo desactivada</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="257"/>
        <source>more than %1 orders</source>
        <comment>@info:status</comment>
        <translation>más de %1 pedidos</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="258"/>
        <source>%n order(s)</source>
        <comment>@info:status</comment>
        <translation>
            <numerusform>%n pedido</numerusform>
            <numerusform>%n pedidos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="283"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="284"/>
        <source>Inventory</source>
        <comment>@title:tab</comment>
        <translation>Inventario</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="285"/>
        <source>Receiving</source>
        <comment>@title:tab</comment>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="286"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation>Traspasos</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="287"/>
        <source>Counts</source>
        <comment>@title:tab stock counts</comment>
        <translation>Recuentos</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="288"/>
        <source>Channels</source>
        <comment>@title:tab sales channels&apos; stock feeds</comment>
        <translation>Canales</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="289"/>
        <source>Forecast</source>
        <comment>@title:tab</comment>
        <translation>Previsión</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="290"/>
        <source>Dashboard</source>
        <comment>@title:tab</comment>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="291"/>
        <source>Audit</source>
        <comment>@title:tab who did what</comment>
        <translation>Auditoría</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <location filename="../src/store/migrations.cpp" line="733"/>
        <source>This database has schema version %1, newer than this Stockroom knows (%2). It was left untouched: update Stockroom to open it.</source>
        <translation>Esta base de datos tiene la versión de esquema %1, más reciente que las que conoce este Stockroom (%2). No se ha modificado: actualice Stockroom para abrirla.</translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="751"/>
        <source>This database has schema version %1 and this Stockroom needs version %2, but the PostgreSQL user %3 may not change the schema. Ask the database owner to run &quot;stockroomctl init&quot; with this Stockroom (it upgrades the schema), then start again.</source>
        <translation>Esta base de datos tiene la versión de esquema %1 y este Stockroom necesita la versión %2, pero el usuario de PostgreSQL %3 no puede modificar el esquema. Pida al propietario de la base de datos que ejecute «stockroomctl init» con este Stockroom (actualiza el esquema) y vuelva a iniciarlo.</translation>
    </message>
    <message>
        <location filename="../src/store/migrations.cpp" line="783"/>
        <source>Schema upgrade to version %1 failed: %2</source>
        <translation>Error al actualizar el esquema a la versión %1: %2</translation>
    </message>
</context>
<context>
    <name>NewOrderDialog</name>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="77"/>
        <source>New order</source>
        <comment>@title:window</comment>
        <translation>Nuevo pedido</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="130"/>
        <source>SKU or scan</source>
        <comment>@info:placeholder</comment>
        <translation>SKU o escaneo</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="131"/>
        <source>SKU of line %1</source>
        <comment>@label</comment>
        <translation>SKU de la línea %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="144"/>
        <source>Product of line %1: %2</source>
        <comment>@label</comment>
        <translation>Artículo de la línea %1: %2</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="152"/>
        <source>Qty</source>
        <comment>@info:placeholder quantity</comment>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="158"/>
        <source>Quantity of line %1</source>
        <comment>@label</comment>
        <translation>Cantidad de la línea %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="172"/>
        <source>Remove line %1</source>
        <comment>@action:button</comment>
        <translation>Quitar la línea %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="174"/>
        <source>Remove this line</source>
        <comment>@info:tooltip</comment>
        <translation>Quitar esta línea</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="214"/>
        <source>Customer:</source>
        <comment>@label:textbox</comment>
        <translation>Cliente:</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="220"/>
        <source>Name</source>
        <comment>@info:placeholder</comment>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="221"/>
        <source>Customer name</source>
        <comment>@label</comment>
        <translation>Nombre del cliente</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="224"/>
        <source>E-mail:</source>
        <comment>@label:textbox</comment>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="230"/>
        <source>optional</source>
        <comment>@info:placeholder</comment>
        <translation>opcional</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="232"/>
        <source>Customer e-mail</source>
        <comment>@label</comment>
        <translation>Correo electrónico del cliente</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="235"/>
        <source>Region:</source>
        <comment>@label:textbox</comment>
        <translation>Región:</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="241"/>
        <source>optional: breaks ties between locations</source>
        <comment>@info:placeholder</comment>
        <translation>opcional: desempata entre ubicaciones</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="242"/>
        <source>Ship-to region</source>
        <comment>@label</comment>
        <translation>Región de destino</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="245"/>
        <source>Postcode:</source>
        <comment>@label:textbox</comment>
        <translation>Código postal:</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="251"/>
        <source>optional: the nearest location ships</source>
        <comment>@info:placeholder</comment>
        <translation>opcional: envía la ubicación más cercana</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="252"/>
        <source>Ship-to postcode</source>
        <comment>@label</comment>
        <translation>Código postal de destino</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="255"/>
        <source>Channel:</source>
        <comment>@label:listbox</comment>
        <translation>Canal:</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="263"/>
        <source>Sales channel</source>
        <comment>@label</comment>
        <translation>Canal de venta</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="266"/>
        <source>Payment:</source>
        <comment>@label:listbox</comment>
        <translation>Pago:</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="275"/>
        <source>Payment state</source>
        <comment>@label</comment>
        <translation>Estado del pago</translation>
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
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="294"/>
        <source>Quantity</source>
        <comment>@title:column</comment>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="322"/>
        <source>Add line</source>
        <comment>@action:button</comment>
        <translation>Añadir línea</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="325"/>
        <source>Or press Enter in the last quantity</source>
        <comment>@info:tooltip</comment>
        <translation>O pulse Enter en la última cantidad</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="334"/>
        <source>The database cannot be reached: orders can be placed again once it is back.</source>
        <comment>@info</comment>
        <translation>No se puede acceder a la base de datos: se podrán volver a realizar pedidos cuando vuelva a estar disponible.</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="341"/>
        <source>Not placed: %1</source>
        <comment>@info why</comment>
        <translation>No realizado: %1</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="363"/>
        <source>%1 placed: %2</source>
        <comment>@info order number, status</comment>
        <translation>%1 realizado: %2</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="371"/>
        <source>Show order</source>
        <comment>@action:button</comment>
        <translation>Mostrar pedido</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="373"/>
        <source>Show order %1</source>
        <comment>@action:button</comment>
        <translation>Mostrar el pedido %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/NewOrderDialog.qml" line="400"/>
        <source>%n backordered</source>
        <comment>@info units</comment>
        <translation>
            <numerusform>%n pendiente de stock</numerusform>
            <numerusform>%n pendientes de stock</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="401"/>
        <source>%1 × %2 %3: %4</source>
        <comment>@info qty, SKU, product name, where from</comment>
        <translation>%1 × %2 %3: %4</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="425"/>
        <source>Placing…</source>
        <comment>@action:button</comment>
        <translation>Realizando…</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="425"/>
        <source>Place order</source>
        <comment>@action:button</comment>
        <translation>Realizar pedido</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="432"/>
        <source>Place the order</source>
        <comment>@action:button</comment>
        <translation>Realizar el pedido</translation>
    </message>
    <message>
        <location filename="../qml/NewOrderDialog.qml" line="435"/>
        <location filename="../qml/NewOrderDialog.qml" line="437"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>NewPurchaseOrderDialog</name>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="52"/>
        <source>New purchase order</source>
        <comment>@title:window</comment>
        <translation>Nuevo pedido de compra</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="94"/>
        <source>Supplier:</source>
        <comment>@label:listbox</comment>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="107"/>
        <source>Supplier</source>
        <comment>@label</comment>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="111"/>
        <source>New supplier…</source>
        <comment>@action:button</comment>
        <translation>Nuevo proveedor…</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="113"/>
        <source>New supplier</source>
        <comment>@action:button</comment>
        <translation>Nuevo proveedor</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="117"/>
        <source>Deliver to:</source>
        <comment>@label:listbox</comment>
        <translation>Entregar en:</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="124"/>
        <source>Receiving location</source>
        <comment>@label</comment>
        <translation>Ubicación de recepción</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="127"/>
        <source>Expected:</source>
        <comment>@label:textbox</comment>
        <translation>Previsto:</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="133"/>
        <source>yyyy-mm-dd (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>aaaa-mm-dd (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="137"/>
        <source>Expected date</source>
        <comment>@label</comment>
        <translation>Fecha prevista</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="143"/>
        <source>There are no suppliers yet: add one with New supplier….</source>
        <comment>@info</comment>
        <translation>Aún no hay proveedores: añada uno con Nuevo proveedor….</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="144"/>
        <source>There are no suppliers yet: add one first (stockroomctl supplier add --name NAME).</source>
        <comment>@info</comment>
        <translation>Aún no hay proveedores: añada uno primero (stockroomctl supplier add --name NAME).</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="158"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="159"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="193"/>
        <source>New supplier</source>
        <comment>@title:window</comment>
        <translation>Nuevo proveedor</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="225"/>
        <source>Name:</source>
        <comment>@label:textbox</comment>
        <translation>Nombre:</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="231"/>
        <source>Supplier name</source>
        <comment>@label</comment>
        <translation>Nombre del proveedor</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="235"/>
        <source>E-mail:</source>
        <comment>@label:textbox</comment>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="241"/>
        <source>for purchase orders (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>para pedidos de compra (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="243"/>
        <source>Supplier e-mail</source>
        <comment>@label</comment>
        <translation>Correo electrónico del proveedor</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="247"/>
        <source>Lead time (days):</source>
        <comment>@label:textbox</comment>
        <translation>Plazo de entrega (días):</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="255"/>
        <source>Lead time in days</source>
        <comment>@label</comment>
        <translation>Plazo de entrega en días</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="272"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="279"/>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="297"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../qml/NewPurchaseOrderDialog.qml" line="288"/>
        <source>Create draft</source>
        <comment>@action:button</comment>
        <translation>Crear borrador</translation>
    </message>
</context>
<context>
    <name>NewTransferDialog</name>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="31"/>
        <source>New transfer</source>
        <comment>@title:window</comment>
        <translation>Nuevo traspaso</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="72"/>
        <source>From:</source>
        <comment>@label:listbox source location</comment>
        <translation>Desde:</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="79"/>
        <source>Source location</source>
        <comment>@label</comment>
        <translation>Ubicación de origen</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="82"/>
        <source>To:</source>
        <comment>@label:listbox destination location</comment>
        <translation>A:</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="90"/>
        <source>Destination location</source>
        <comment>@label</comment>
        <translation>Ubicación de destino</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="96"/>
        <source>A transfer goes between two different locations.</source>
        <comment>@info</comment>
        <translation>Un traspaso se realiza entre dos ubicaciones distintas.</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="109"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="110"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="125"/>
        <source>Create draft</source>
        <comment>@action:button</comment>
        <translation>Crear borrador</translation>
    </message>
    <message>
        <location filename="../qml/NewTransferDialog.qml" line="134"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>OrderDelegate</name>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="31"/>
        <source>Selected: </source>
        <comment>@info accessible</comment>
        <translation>Seleccionado: </translation>
    </message>
    <message>
        <location filename="../qml/OrderDelegate.qml" line="31"/>
        <source>Order %1, %2, %3</source>
        <comment>@info accessible</comment>
        <translation>Pedido %1, %2, %3</translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="80"/>
        <source>No order selected</source>
        <comment>@info</comment>
        <translation>Ningún pedido seleccionado</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="104"/>
        <source>paid %1</source>
        <comment>@info</comment>
        <translation>pagado %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="105"/>
        <source>refunded %1</source>
        <comment>@info</comment>
        <translation>reembolsado %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="113"/>
        <source>On hold: %1</source>
        <comment>@info</comment>
        <translation>En espera: %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="121"/>
        <source>%1 says: %2</source>
        <comment>@info channel, its state of the order</comment>
        <translation>%1 indica: %2</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="129"/>
        <source>Note: %1</source>
        <comment>@info the order&apos;s note</comment>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="137"/>
        <source>Rules: %1</source>
        <comment>@info</comment>
        <translation>Reglas: %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="144"/>
        <source>⚠ %1 on another desktop</source>
        <comment>@info</comment>
        <translation>⚠ %1 en otro equipo</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrderDetailPane.qml" line="154"/>
        <source>Actions apply to the %n selected order(s).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Las acciones se aplican a %n pedido seleccionado.</numerusform>
            <numerusform>Las acciones se aplican a los %n pedidos seleccionados.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="166"/>
        <source>Pay</source>
        <comment>@action:button</comment>
        <translation>Pagar</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="172"/>
        <source>Release</source>
        <comment>@action:button</comment>
        <translation>Liberar</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="178"/>
        <source>Unhold</source>
        <comment>@action:button</comment>
        <translation>Quitar espera</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="178"/>
        <source>Hold</source>
        <comment>@action:button</comment>
        <translation>Poner en espera</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="184"/>
        <source>Pack…</source>
        <comment>@action:button</comment>
        <translation>Embalar…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="190"/>
        <source>Ship…</source>
        <comment>@action:button</comment>
        <translation>Enviar…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="196"/>
        <source>Labels PDF</source>
        <comment>@action:button</comment>
        <translation>PDF de etiquetas</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="202"/>
        <source>Print labels…</source>
        <comment>@action:button</comment>
        <translation>Imprimir etiquetas…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="208"/>
        <source>Refund…</source>
        <comment>@action:button</comment>
        <translation>Reembolsar…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="213"/>
        <source>Return…</source>
        <comment>@action:button</comment>
        <translation>Devolución…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="218"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation>Cancelar…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="233"/>
        <source>Reload</source>
        <comment>@action:button</comment>
        <translation>Recargar</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="242"/>
        <source>Lines</source>
        <comment>@title:group</comment>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="276"/>
        <source>from %1</source>
        <comment>@info allocation</comment>
        <translation>de %1</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="277"/>
        <source>%1 packed</source>
        <comment>@info</comment>
        <translation>%1 embalado</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="278"/>
        <source>%1 backordered</source>
        <comment>@info</comment>
        <translation>%1 pendiente de stock</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="279"/>
        <source>%1 shipped</source>
        <comment>@info</comment>
        <translation>%1 enviado</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="280"/>
        <source>%1 returned</source>
        <comment>@info</comment>
        <translation>%1 devuelto</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="281"/>
        <source>%1 cancelled</source>
        <comment>@info</comment>
        <translation>%1 cancelado</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="296"/>
        <source>⚠ not one of our products: %1 × %2</source>
        <comment>@info their SKU, quantity</comment>
        <translation>⚠ no es uno de nuestros artículos: %1 × %2</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="305"/>
        <source>Map…</source>
        <comment>@action:button map their SKUs to ours</comment>
        <translation>Vincular…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="309"/>
        <source>Say which of our products each line is: the order then comes off hold</source>
        <comment>@info:tooltip</comment>
        <translation>Indique a cuál de nuestros artículos corresponde cada línea: entonces el pedido deja de estar en espera</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="310"/>
        <source>Map the lines that name none of our products</source>
        <comment>@action:button</comment>
        <translation>Vincular las líneas que no corresponden a ninguno de nuestros artículos</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="315"/>
        <source>Routing</source>
        <comment>@title:group</comment>
        <translation>Asignación</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="326"/>
        <source>Shipments</source>
        <comment>@title:group</comment>
        <translation>Envíos</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="358"/>
        <source>Add event…</source>
        <comment>@action:button</comment>
        <translation>Añadir evento…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="362"/>
        <source>Add a tracking event</source>
        <comment>@action:button</comment>
        <translation>Añadir un evento de seguimiento</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="399"/>
        <source>Returns</source>
        <comment>@title:group</comment>
        <translation>Devoluciones</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="424"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation>Recibir…</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="430"/>
        <source>Cancel return</source>
        <comment>@action:button</comment>
        <translation>Cancelar devolución</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="436"/>
        <source>Refund</source>
        <comment>@action:button</comment>
        <translation>Reembolsar</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="445"/>
        <source>History</source>
        <comment>@title:group</comment>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../qml/OrderDetailPane.qml" line="464"/>
        <source>Last change by %1</source>
        <comment>@info</comment>
        <translation>Último cambio por %1</translation>
    </message>
</context>
<context>
    <name>OrderFileReader</name>
    <message>
        <location filename="../src/io/orderimport.cpp" line="438"/>
        <source>&quot;%1&quot; is not a quantity: a whole number from %2 to %3</source>
        <translation>«%1» no es una cantidad: un número entero de %2 a %3</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="502"/>
        <source>&quot;%1&quot; is not an amount of money</source>
        <translation>«%1» no es un importe</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="503"/>
        <source>&quot;%1&quot; is not an amount of money: %2</source>
        <translation>«%1» no es un importe: %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="532"/>
        <source>write the amount alone, like 1234.50</source>
        <translation>escriba solo el importe, p. ej. 1234.50</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="538"/>
        <source>&quot;%1&quot; is not a currency sign we know ($, US $, C $, AU $, £, € or a code like EUR)</source>
        <translation>«%1» no es un símbolo de moneda conocido ($, US $, C $, AU $, £, € o un código como EUR)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="547"/>
        <source>write the cents after a dot and no thousands separators (1234.50)</source>
        <translation>escriba los céntimos tras un punto y sin separadores de miles (1234.50)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="592"/>
        <source>at most 2 decimals</source>
        <translation>como máximo 2 decimales</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="595"/>
        <location filename="../src/io/orderimport.cpp" line="612"/>
        <source>more than 100000000.00</source>
        <translation>más de 100000000.00</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1102"/>
        <source>… and %1 more problems</source>
        <translation>… y %1 problemas más</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1162"/>
        <location filename="../src/io/orderimport.cpp" line="2105"/>
        <source>empty: an item needs its price</source>
        <translation>vacío: un artículo necesita su precio</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1176"/>
        <source>cannot be opened: %1</source>
        <translation>no se puede abrir: %1</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1231"/>
        <source>%1 (in any order, more columns may follow)</source>
        <translation>%1 (en cualquier orden; pueden seguir más columnas)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1300"/>
        <source>the file is empty: it has no orders</source>
        <translation>el archivo está vacío: no contiene pedidos</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1334"/>
        <source>the header fits none of the order files we read; expected one of these headers: %1</source>
        <translation>la cabecera no corresponde a ninguno de los archivos de pedidos que leemos; se esperaba una de estas cabeceras: %1</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1357"/>
        <source>the header does not fit the %1 format: it lacks %2; expected a header with %3</source>
        <translation>la cabecera no corresponde al formato %1: le falta %2; se esperaba una cabecera con %3</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1360"/>
        <source>, or </source>
        <translation> o </translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1379"/>
        <source>unknown column (the columns are %1)</source>
        <translation>columna desconocida (las columnas son %1)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1384"/>
        <source>the same as column %1: keep one of them</source>
        <translation>igual que la columna %1: conserve solo una de ellas</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1433"/>
        <source>the file has no orders: nothing follows the header line</source>
        <translation>el archivo no contiene pedidos: no hay nada tras la línea de cabecera</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1458"/>
        <source>the order id is empty</source>
        <translation>el ID del pedido está vacío</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1476"/>
        <source>the rows of order %1 are not together: it began on line %2 and comes again here after other orders (export the file again or sort it by order)</source>
        <translation>las filas del pedido %1 no están juntas: empezó en la línea %2 y vuelve a aparecer aquí tras otros pedidos (exporte el archivo de nuevo u ordénelo por pedido)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1491"/>
        <source>%1 fields where the header has %2 (a separator in a field that is not quoted?)</source>
        <translation>%1 campos donde la cabecera tiene %2 (¿un separador en un campo sin comillas?)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1533"/>
        <source>order %1 has no date</source>
        <translation>el pedido %1 no tiene fecha</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1591"/>
        <source>empty: every order needs the date it was placed</source>
        <translation>vacío: cada pedido necesita la fecha en que se realizó</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1603"/>
        <source>ISO 8601 with Z or an offset, like 2025-05-11T13:55:16Z</source>
        <translation>ISO 8601 con Z o un desfase horario, p. ej. 2025-05-11T13:55:16Z</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1620"/>
        <source>2025-03-04 14:22:10 or ISO 8601 with an offset</source>
        <translation>2025-03-04 14:22:10 o ISO 8601 con un desfase horario</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1629"/>
        <source>03/05/25 (month/day/year)</source>
        <translation>03/05/25 (mes/día/año)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1635"/>
        <source>&quot;%1&quot;: the time zone &quot;%2&quot; is not one we know (PST, PDT, MST, MDT, CST, CDT, EST, EDT, GMT, BST, CET, CEST, UTC); write an offset like -0700</source>
        <translation>«%1»: la zona horaria «%2» no es conocida (PST, PDT, MST, MDT, CST, CDT, EST, EDT, GMT, BST, CET, CEST, UTC); escriba un desfase como -0700</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1643"/>
        <source>&quot;%1&quot; has no time zone: write it like %2</source>
        <translation>«%1» no tiene zona horaria: escríbalo como %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1649"/>
        <source>&quot;%1&quot; is not a date and time like %2</source>
        <translation>«%1» no es una fecha y hora como %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1670"/>
        <source>&quot;%1&quot; is not an amount of money: it is negative</source>
        <translation>«%1» no es un importe: es negativo</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1747"/>
        <source>an item needs a SKU or a name</source>
        <translation>un artículo necesita un SKU o un nombre</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1787"/>
        <source>&quot;%1&quot; is not an order status (draft, placed, backordered, allocated, picking, packed, partially_shipped, shipped, delivered, on_hold, cancelled)</source>
        <translation>«%1» no es un estado de pedido (draft, placed, backordered, allocated, picking, packed, partially_shipped, shipped, delivered, on_hold, cancelled)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1803"/>
        <source>&quot;%1&quot; is not a payment status (pending, authorized, paid, partially_refunded, refunded, voided)</source>
        <translation>«%1» no es un estado de pago (pending, authorized, paid, partially_refunded, refunded, voided)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1819"/>
        <source>empty: a line needs its unit price</source>
        <translation>vacío: una línea necesita su precio unitario</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1827"/>
        <source>empty: every line of our orders has a SKU</source>
        <translation>vacío: cada línea de nuestros pedidos tiene un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1835"/>
        <source>%1 shipped and %2 cancelled are more than the %3 ordered</source>
        <translation>%1 enviados y %2 cancelados superan los %3 pedidos</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1877"/>
        <source>&quot;%1&quot; is not a Shopify financial status (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided)</source>
        <translation>«%1» no es un estado financiero de Shopify (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1889"/>
        <source>&quot;%1&quot; is not a Shopify fulfillment status (fulfilled, partial, unfulfilled, restocked)</source>
        <translation>«%1» no es un estado de preparación de Shopify (fulfilled, partial, unfulfilled, restocked)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1909"/>
        <source>empty: a line item needs its price</source>
        <translation>vacío: una línea de artículo necesita su precio</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="1939"/>
        <source>&quot;%1&quot; is not an Amazon order status (Pending, Unshipped, PartiallyShipped, Shipped, Canceled)</source>
        <translation>«%1» no es un estado de pedido de Amazon (Pending, Unshipped, PartiallyShipped, Shipped, Canceled)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2053"/>
        <source>&quot;%1&quot; is not a WooCommerce order status (pending, processing, on-hold, completed, cancelled, refunded, failed)</source>
        <translation>«%1» no es un estado de pedido de WooCommerce (pending, processing, on-hold, completed, cancelled, refunded, failed)</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2139"/>
        <location filename="../src/io/orderimport.cpp" line="2152"/>
        <source>item &quot;%1&quot;: %2</source>
        <translation>artículo «%1»: %2</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2154"/>
        <source>&quot;%1&quot; is negative</source>
        <translation>«%1» es negativo</translation>
    </message>
    <message>
        <location filename="../src/io/orderimport.cpp" line="2163"/>
        <source>item &quot;%1&quot; has neither a sku nor a name</source>
        <translation>el artículo «%1» no tiene ni SKU ni nombre</translation>
    </message>
</context>
<context>
    <name>OrderFlow</name>
    <message>
        <location filename="../src/services/orderflow.cpp" line="22"/>
        <source>There is no order %1.</source>
        <translation>No existe el pedido %1.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="41"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation>El pedido %1 se ha modificado entretanto.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="56"/>
        <location filename="../src/services/orderservice.cpp" line="503"/>
        <source>Order %1 is %2: it cannot be %3.</source>
        <translation>El pedido %1 está en estado %2: no puede pasar al estado %3.</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="94"/>
        <source>delivered</source>
        <translation>entregado</translation>
    </message>
    <message>
        <location filename="../src/services/orderflow.cpp" line="95"/>
        <source>every parcel delivered</source>
        <translation>todos los paquetes entregados</translation>
    </message>
</context>
<context>
    <name>OrderImportService</name>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="158"/>
        <location filename="../src/services/orderimportservice.cpp" line="272"/>
        <source>line %1: order %2: unknown payment state &quot;%3&quot;.</source>
        <translation>línea %1: pedido %2: estado de pago desconocido «%3».</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="210"/>
        <source>nothing in it is sent (gift cards, digital goods): not imported</source>
        <translation>no contiene nada que enviar (tarjetas regalo, productos digitales): no importado</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="222"/>
        <source>unknown SKU: %1 (map under SKU aliases)</source>
        <translation>SKU desconocido: %1 (vincúlelo en Alias de SKU)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="226"/>
        <source>%1 no longer sold here (inactive)</source>
        <translation>%1 ya no se vende aquí (inactivo)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="231"/>
        <location filename="../src/services/orderimportservice.cpp" line="238"/>
        <source>line %1: order %2: %3</source>
        <translation>línea %1: pedido %2: %3</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="255"/>
        <source>on hold: %1</source>
        <translation>en espera: %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="294"/>
        <source>%1 on %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="303"/>
        <source>refunded %1 more on %2</source>
        <translation>reembolsado %1 más en %2</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="309"/>
        <source>%1 says %2; kept %3 (imports move a state only forward)</source>
        <translation>%1 indica %2; se mantiene %3 (las importaciones solo hacen avanzar un estado)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="316"/>
        <source>cancelled on %1</source>
        <translation>cancelado en %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="320"/>
        <source>cancelled on %1, but it is %2 here</source>
        <translation>cancelado en %1, pero aquí está %2</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="326"/>
        <source>fulfilled on %1, but on hold here</source>
        <translation>preparado y enviado en %1, pero aquí está en espera</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderimportservice.cpp" line="343"/>
        <source>fulfilled on %1, but %n unit(s) are still backordered here</source>
        <translation>
            <numerusform>preparado y enviado en %1, pero aquí %n unidad sigue pendiente de stock</numerusform>
            <numerusform>preparado y enviado en %1, pero aquí %n unidades siguen pendientes de stock</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="349"/>
        <source>partly fulfilled on %1: check what is left to send here</source>
        <translation>preparado y enviado parcialmente en %1: compruebe lo que queda por enviar aquí</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="392"/>
        <source>(a line without SKU or name)</source>
        <translation>(una línea sin SKU ni nombre)</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="401"/>
        <source>An order import needs a channel.</source>
        <translation>Una importación de pedidos necesita un canal de venta.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="450"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 on hold</source>
        <translation>%1 nuevos, %2 actualizados, %3 sin cambios, %4 en espera</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="492"/>
        <source>line %1: %2 is our %3</source>
        <translation>línea %1: %2 es nuestro %3</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="512"/>
        <source>An alias needs the platform&apos;s SKU or item name.</source>
        <translation>Un alias necesita el SKU o el nombre de artículo de la plataforma.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="514"/>
        <source>The alias</source>
        <translation>El alias</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="515"/>
        <source>The channel</source>
        <translation>El canal de venta</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="524"/>
        <source>%1 is our SKU already; an alias of itself changes nothing.</source>
        <translation>%1 ya es nuestro SKU; un alias de sí mismo no cambia nada.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="544"/>
        <source>There is no alias &quot;%1&quot;%2.</source>
        <translation>No existe el alias «%1»%2.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="547"/>
        <source> for %1</source>
        <translation> para %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="564"/>
        <source>&quot;%1&quot; is not an order number.</source>
        <translation>«%1» no es un número de pedido.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="582"/>
        <source>Order %1 has no unknown line %2.</source>
        <translation>El pedido %1 no tiene ninguna línea desconocida %2.</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="586"/>
        <source>line %1 (%2 × %3) dropped: it will not be sent</source>
        <translation>línea %1 (%2 × %3) descartada: no se enviará</translation>
    </message>
    <message>
        <location filename="../src/services/orderimportservice.cpp" line="598"/>
        <source>no line of ours left</source>
        <translation>no queda ninguna línea nuestra</translation>
    </message>
</context>
<context>
    <name>OrderImporter</name>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="74"/>
        <source>holds orders of several channels (%1): import one channel per file, or name the channel with --channel</source>
        <translation>contiene pedidos de varios canales de venta (%1): importe un canal por archivo o indique el canal con --channel</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="88"/>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%1: %n problema; no se ha importado nada.</numerusform>
            <numerusform>%1: %n problemas; no se ha importado nada.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="91"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 on hold; %n line(s)</source>
        <translation>
            <numerusform>%1 nuevos, %2 actualizados, %3 sin cambios, %4 en espera; %n línea</numerusform>
            <numerusform>%1 nuevos, %2 actualizados, %3 sin cambios, %4 en espera; %n líneas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/orderimporter.cpp" line="98"/>
        <source>; %n order(s) with nothing to send skipped</source>
        <translation>
            <numerusform>; %n pedido sin nada que enviar omitido</numerusform>
            <numerusform>; %n pedidos sin nada que enviar omitidos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="100"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../src/io/orderimporter.cpp" line="101"/>
        <source>%1 (%2), dry run, nothing changed: %3</source>
        <translation>%1 (%2), simulación, sin cambios: %3</translation>
    </message>
</context>
<context>
    <name>OrderService</name>
    <message>
        <location filename="../src/services/orderservice.cpp" line="35"/>
        <source>An order needs at least one line.</source>
        <translation>Un pedido necesita al menos una línea.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="38"/>
        <source>An order may have at most %1 lines.</source>
        <translation>Un pedido puede tener como máximo %1 líneas.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="41"/>
        <source>The channel</source>
        <translation>El canal de venta</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="43"/>
        <source>The channel&apos;s order id</source>
        <translation>El ID de pedido del canal de venta</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="45"/>
        <source>The customer name</source>
        <translation>El nombre del cliente</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="47"/>
        <source>The e-mail address</source>
        <translation>La dirección de correo electrónico</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="48"/>
        <source>The region</source>
        <translation>La región</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="50"/>
        <source>The postcode</source>
        <translation>El código postal</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="52"/>
        <source>The address</source>
        <translation>La dirección</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="53"/>
        <source>The note</source>
        <translation>La nota</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="54"/>
        <source>The channel&apos;s state</source>
        <translation>El estado en el canal de venta</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="57"/>
        <source>The hold reason</source>
        <translation>El motivo de la espera</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="59"/>
        <location filename="../src/services/orderservice.cpp" line="64"/>
        <source>The SKU</source>
        <translation>El SKU</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="61"/>
        <source>The channel&apos;s SKU</source>
        <translation>El SKU del canal de venta</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="65"/>
        <source>The item name</source>
        <translation>El nombre del artículo</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="69"/>
        <source>An order line has no SKU.</source>
        <translation>Una línea de pedido no tiene SKU.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="72"/>
        <location filename="../src/services/orderservice.cpp" line="88"/>
        <source>The quantity of %1 must be between 1 and %2, not %3.</source>
        <translation>La cantidad de %1 debe estar entre 1 y %2, no %3.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="79"/>
        <source>Of %1 × %2, %3 sent and %4 cancelled is not possible.</source>
        <translation>De %1 × %2, no es posible %3 enviados y %4 cancelados.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="95"/>
        <source>An order needs a channel.</source>
        <translation>Un pedido necesita un canal de venta.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="98"/>
        <source>Unknown payment state &quot;%1&quot;.</source>
        <translation>Estado de pago desconocido «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="133"/>
        <source>Order %1 from %2 is already here as %3.</source>
        <translation>El pedido %1 de %2 ya existe aquí como %3.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="182"/>
        <source>Unknown SKU &quot;%1&quot;.</source>
        <translation>SKU desconocido «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="187"/>
        <source>%1 is no longer sold (inactive).</source>
        <translation>%1 ya no se vende (inactivo).</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="206"/>
        <source>nothing reserved: no line names one of our products yet</source>
        <translation>nada reservado: ninguna línea corresponde aún a uno de nuestros artículos</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="207"/>
        <source>nothing to reserve: %1 sent or cancelled every unit before the import</source>
        <translation>nada que reservar: %1 envió o canceló todas las unidades antes de la importación</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="210"/>
        <source>%1 ships only from %2; </source>
        <translation>%1 solo envía desde %2; </translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="283"/>
        <source>re-routed: another desktop took stock meanwhile</source>
        <translation>reasignado: otro equipo tomó stock entretanto</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="332"/>
        <source>Order %1 from %2 is already here.</source>
        <translation>El pedido %1 de %2 ya existe aquí.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="374"/>
        <source>placed: %1</source>
        <translation>realizado: %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="375"/>
        <source>imported from %1 %2: %3</source>
        <translation>importado de %1 %2: %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderservice.cpp" line="381"/>
        <source>%n unit(s) sent by %1 before the import (no stock moved here)</source>
        <translation>
            <numerusform>%n unidad enviada por %1 antes de la importación (aquí no se movió stock)</numerusform>
            <numerusform>%n unidades enviadas por %1 antes de la importación (aquí no se movió stock)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="388"/>
        <source>on hold: %1</source>
        <translation>en espera: %1</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="413"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="419"/>
        <location filename="../src/services/orderservice.cpp" line="546"/>
        <source>The stock of order %1 at %2 is not reserved as recorded; run check.</source>
        <translation>El stock del pedido %1 en %2 no está reservado como consta; ejecute check.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="436"/>
        <source>the rest was cancelled; what shipped stays shipped</source>
        <translation>el resto se ha cancelado; lo enviado sigue enviado</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="437"/>
        <source>cancelled; reservations released</source>
        <translation>cancelado; reservas liberadas</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="468"/>
        <source>A parcel weighs between 0 and 1,000 kg, not %1 g.</source>
        <translation>Un paquete pesa entre 0 y 1000 kg, no %1 g.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="504"/>
        <location filename="../src/services/orderservice.cpp" line="510"/>
        <location filename="../src/services/orderservice.cpp" line="564"/>
        <source>shipped</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="516"/>
        <source>Order %1 is not paid (%2): goods leave only when it is paid, or when its channel or customer pays later.</source>
        <translation>El pedido %1 no está pagado (%2): la mercancía solo sale cuando está pagado o cuando su canal de venta o su cliente paga más tarde.</translation>
    </message>
    <message>
        <location filename="../src/services/orderservice.cpp" line="522"/>
        <source>Order %1 has nothing allocated to ship yet (backordered).</source>
        <translation>El pedido %1 aún no tiene nada asignado para enviar (pendiente de stock).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/orderservice.cpp" line="577"/>
        <source>shipped %n unit(s) from %1</source>
        <translation>
            <numerusform>%n unidad enviada desde %1</numerusform>
            <numerusform>%n unidades enviadas desde %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../qml/OrdersPage.qml" line="11"/>
        <source>Orders</source>
        <comment>@title:tab</comment>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="289"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation>¿Cancelar %1?</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="296"/>
        <source>Its reserved stock goes back on sale.</source>
        <comment>@info</comment>
        <translation>Su stock reservado vuelve a estar a la venta.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="307"/>
        <source>Put %n order(s) on hold</source>
        <comment>@title:window</comment>
        <translation>
            <numerusform>Poner %n pedido en espera</numerusform>
            <numerusform>Poner %n pedidos en espera</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="315"/>
        <source>Reason (the stock stays reserved):</source>
        <comment>@label:textbox</comment>
        <translation>Motivo (el stock sigue reservado):</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="321"/>
        <source>e.g. address check</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej. comprobación de dirección</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="322"/>
        <source>Hold reason</source>
        <comment>@label</comment>
        <translation>Motivo de la espera</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="335"/>
        <source>Refund %1</source>
        <comment>@title:window</comment>
        <translation>Reembolsar %1</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="344"/>
        <source>Amount:</source>
        <comment>@label:textbox</comment>
        <translation>Importe:</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="351"/>
        <source>Refund amount</source>
        <comment>@label</comment>
        <translation>Importe del reembolso</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="354"/>
        <source>Note:</source>
        <comment>@label:textbox</comment>
        <translation>Nota:</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="360"/>
        <source>Refund note</source>
        <comment>@label</comment>
        <translation>Nota del reembolso</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="389"/>
        <source>Search order, customer, e-mail, SKU, tracking (Ctrl+F)</source>
        <comment>@info:placeholder</comment>
        <translation>Buscar pedido, cliente, correo electrónico, SKU, seguimiento (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="391"/>
        <source>Search orders</source>
        <comment>@label</comment>
        <translation>Buscar pedidos</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="415"/>
        <source>Any status</source>
        <comment>@item:inlistbox</comment>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="416"/>
        <source>Backordered</source>
        <comment>@item:inlistbox</comment>
        <translation>Pendiente de stock</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="417"/>
        <source>Allocated</source>
        <comment>@item:inlistbox</comment>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="418"/>
        <source>On hold</source>
        <comment>@item:inlistbox</comment>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="419"/>
        <source>Picking</source>
        <comment>@item:inlistbox</comment>
        <translation>En preparación</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="420"/>
        <source>Packed</source>
        <comment>@item:inlistbox</comment>
        <translation>Embalado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="421"/>
        <source>Partly shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>Enviado parcialmente</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="422"/>
        <source>Shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="423"/>
        <source>Delivered</source>
        <comment>@item:inlistbox</comment>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="424"/>
        <source>Cancelled</source>
        <comment>@item:inlistbox</comment>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="427"/>
        <source>Filter by status</source>
        <comment>@label</comment>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="434"/>
        <source>Any payment</source>
        <comment>@item:inlistbox</comment>
        <translation>Cualquier pago</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="435"/>
        <source>Pending</source>
        <comment>@item:inlistbox</comment>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="436"/>
        <source>Authorised</source>
        <comment>@item:inlistbox</comment>
        <translation>Autorizado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="437"/>
        <source>Paid</source>
        <comment>@item:inlistbox</comment>
        <translation>Pagado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="438"/>
        <source>Partly refunded</source>
        <comment>@item:inlistbox</comment>
        <translation>Reembolsado parcialmente</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="439"/>
        <source>Refunded</source>
        <comment>@item:inlistbox</comment>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="440"/>
        <source>Voided</source>
        <comment>@item:inlistbox</comment>
        <translation>Anulado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="443"/>
        <source>Filter by payment</source>
        <comment>@label</comment>
        <translation>Filtrar por pago</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="447"/>
        <source>Any channel</source>
        <comment>@item:inlistbox</comment>
        <translation>Cualquier canal</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="449"/>
        <source>Filter by channel</source>
        <comment>@label</comment>
        <translation>Filtrar por canal de venta</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="453"/>
        <source>Any location</source>
        <comment>@item:inlistbox</comment>
        <translation>Cualquier ubicación</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="455"/>
        <source>Filter by location</source>
        <comment>@label</comment>
        <translation>Filtrar por ubicación</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="462"/>
        <source>Newest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Más recientes primero</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="463"/>
        <source>Oldest first</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Más antiguos primero</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="464"/>
        <source>Highest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Total más alto</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="465"/>
        <source>Lowest total</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Total más bajo</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="466"/>
        <source>Highest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Número más alto</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="467"/>
        <source>Lowest number</source>
        <comment>@item:inlistbox sort</comment>
        <translation>Número más bajo</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="474"/>
        <source>Sort orders</source>
        <comment>@label</comment>
        <translation>Ordenar pedidos</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="478"/>
        <source>From yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation>Desde aaaa-mm-dd</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="481"/>
        <source>Placed from date</source>
        <comment>@label</comment>
        <translation>Realizado desde la fecha</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="485"/>
        <source>To yyyy-mm-dd</source>
        <comment>@info:placeholder</comment>
        <translation>Hasta aaaa-mm-dd</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="488"/>
        <source>Placed until date</source>
        <comment>@label</comment>
        <translation>Realizado hasta la fecha</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="491"/>
        <source>New order…</source>
        <comment>@action:button</comment>
        <translation>Nuevo pedido…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="495"/>
        <source>Enter an order by hand, e.g. taken on the phone (Ctrl+N)</source>
        <comment>@info:tooltip</comment>
        <translation>Introducir un pedido a mano, p. ej. recibido por teléfono (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="496"/>
        <source>New order</source>
        <comment>@action:button</comment>
        <translation>Nuevo pedido</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="499"/>
        <source>Import orders…</source>
        <comment>@action:button</comment>
        <translation>Importar pedidos…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="502"/>
        <source>Import a shop platform&apos;s order export (Ctrl+Shift+I)</source>
        <comment>@info:tooltip</comment>
        <translation>Importar la exportación de pedidos de una plataforma de tienda (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="503"/>
        <source>Import orders from a file</source>
        <comment>@action:button</comment>
        <translation>Importar pedidos de un archivo</translation>
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
        <translation>Vincular las líneas importadas que no corresponden a ninguno de nuestros artículos (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="510"/>
        <source>SKU aliases and waiting lines</source>
        <comment>@action:button</comment>
        <translation>Alias de SKU y líneas en espera</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="513"/>
        <source>Export…</source>
        <comment>@action:button</comment>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="516"/>
        <source>Export orders, stock, the ledger or products to a CSV file (Ctrl+Shift+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Exportar pedidos, stock, el libro de existencias o artículos a un archivo CSV (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="517"/>
        <source>Export to a file</source>
        <comment>@action:button</comment>
        <translation>Exportar a un archivo</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="522"/>
        <source>Pick list…</source>
        <comment>@action:button</comment>
        <translation>Lista de preparación…</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="525"/>
        <source>Print the pick list of a location</source>
        <comment>@action:button</comment>
        <translation>Imprimir la lista de preparación de una ubicación</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="547"/>
        <source>%1 selected · %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%1 seleccionados · %n pedido</numerusform>
            <numerusform>%1 seleccionados · %n pedidos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="549"/>
        <source>Showing %1 of more than %2 orders</source>
        <comment>@info</comment>
        <translation>Mostrando %1 de más de %2 pedidos</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/OrdersPage.qml" line="550"/>
        <source>Showing %1 of %n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Mostrando %1 de %n pedido</numerusform>
            <numerusform>Mostrando %1 de %n pedidos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="588"/>
        <source>Order</source>
        <comment>@title:column</comment>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="589"/>
        <source>Placed</source>
        <comment>@title:column</comment>
        <translation>Realizado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="590"/>
        <source>Customer</source>
        <comment>@title:column</comment>
        <translation>Cliente</translation>
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
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="593"/>
        <source>Payment</source>
        <comment>@title:column</comment>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../qml/OrdersPage.qml" line="594"/>
        <source>Units</source>
        <comment>@title:column</comment>
        <translation>Unidades</translation>
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
        <translation>Pedidos</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <location filename="../qml/PackDialog.qml" line="23"/>
        <source>Pack %1</source>
        <comment>@title:window</comment>
        <translation>Embalar %1</translation>
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
        <translation>Escanee un artículo (SKU o código de barras) y pulse Enter</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="68"/>
        <source>Scanned barcode</source>
        <comment>@label</comment>
        <translation>Código de barras escaneado</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="104"/>
        <source>%1 of %2</source>
        <comment>@info packed of to pack</comment>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/PackDialog.qml" line="113"/>
        <source>Packed completely: ship it (Ctrl+Shift+S) and print the label.</source>
        <comment>@info</comment>
        <translation>Embalado por completo: envíelo (Ctrl+Shift+S) e imprima la etiqueta.</translation>
    </message>
</context>
<context>
    <name>PackingSlip</name>
    <message>
        <location filename="../src/io/packingslip.cpp" line="28"/>
        <source>Order %1 has no lines to pack.</source>
        <translation>El pedido %1 no tiene líneas que embalar.</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="34"/>
        <source>Packing slip %1</source>
        <translation>Albarán %1</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="46"/>
        <source>Packing slip</source>
        <translation>Albarán</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="50"/>
        <source>Ship to</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="51"/>
        <source>From</source>
        <translation>Remitente</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="53"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="58"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Product</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="64"/>
        <source>Ordered</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>In this parcel</source>
        <translation>En este paquete</translation>
    </message>
    <message>
        <location filename="../src/io/packingslip.cpp" line="65"/>
        <source>Checked</source>
        <translation>Comprobado</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/packingslip.cpp" line="80"/>
        <source>%n item(s) will follow in another parcel.</source>
        <translation>
            <numerusform>%n artículo irá en otro paquete.</numerusform>
            <numerusform>%n artículos irán en otro paquete.</numerusform>
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
            <numerusform>+%n más</numerusform>
            <numerusform>+%n más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/picklist.cpp" line="258"/>
        <source>%n order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n pedido</numerusform>
            <numerusform>%n pedidos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="338"/>
        <source>Pick list — %1</source>
        <comment>@title</comment>
        <translation>Lista de preparación — %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="346"/>
        <source>Generated %1</source>
        <comment>@info</comment>
        <translation>Generada el %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="347"/>
        <source>Generated %1 by %2</source>
        <comment>@info</comment>
        <translation>Generada el %1 por %2</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="401"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Hueco</translation>
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
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="404"/>
        <source>Qty</source>
        <comment>@title:column quantity</comment>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="405"/>
        <source>Orders</source>
        <comment>@title:column</comment>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="424"/>
        <source>No bin</source>
        <comment>@title a group of products without a bin</comment>
        <translation>Sin hueco</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="425"/>
        <source>Bin %1</source>
        <comment>@title</comment>
        <translation>Hueco %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="427"/>
        <source>%1 (continued)</source>
        <comment>@title a bin group on a new page</comment>
        <translation>%1 (continuación)</translation>
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
        <translation>Líneas: %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="497"/>
        <source>Units: %1</source>
        <comment>@info</comment>
        <translation>Unidades: %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="498"/>
        <source>Orders: %1</source>
        <comment>@info</comment>
        <translation>Pedidos: %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="507"/>
        <source>Nothing to pick</source>
        <comment>@info</comment>
        <translation>Nada que preparar</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="517"/>
        <source>Page %1 of %2</source>
        <comment>@info</comment>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="608"/>
        <source>SKU %1 in bin %2 has quantity %3; a pick list needs at least 1.</source>
        <translation>El SKU %1 del hueco %2 tiene la cantidad %3; una lista de preparación necesita al menos 1.</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="616"/>
        <source>Pick list %1</source>
        <translation>Lista de preparación %1</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="620"/>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <location filename="../src/io/picklist.cpp" line="624"/>
        <source>Cannot finish %1.</source>
        <translation>No se puede finalizar %1.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../qml/PlaceholderPage.qml" line="34"/>
        <source>Not built yet</source>
        <comment>@info placeholder view</comment>
        <translation>Aún no disponible</translation>
    </message>
</context>
<context>
    <name>PlanningService</name>
    <message>
        <location filename="../src/services/planningservice.cpp" line="399"/>
        <source>%1 from %2 today</source>
        <translation>%1 de %2 hoy</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="400"/>
        <source>%1 from %2 on %3</source>
        <translation>%1 de %2 el %3</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="503"/>
        <source>Demand forecasting</source>
        <translation>Previsión de la demanda</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="505"/>
        <source>A demand history needs a start date before its end date.</source>
        <translation>Un historial de demanda necesita una fecha de inicio anterior a su fecha de fin.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="519"/>
        <location filename="../src/services/planningservice.cpp" line="668"/>
        <source>An ATP horizon is 1 to 366 days, not %1.</source>
        <translation>Un horizonte ATP es de 1 a 366 días, no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="535"/>
        <location filename="../src/services/planningservice.cpp" line="675"/>
        <source>That location is not active: it promises nothing.</source>
        <translation>Esa ubicación no está activa: no promete nada.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="554"/>
        <source>on hand at %1</source>
        <translation>en existencia en %1</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="565"/>
        <source>reserved for open orders at %1</source>
        <translation>reservado para pedidos abiertos en %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/planningservice.cpp" line="586"/>
        <source>owed to %n waiting backorder line(s)</source>
        <translation>
            <numerusform>comprometido con %n línea de pedido pendiente que espera</numerusform>
            <numerusform>comprometido con %n líneas de pedidos pendientes que esperan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="594"/>
        <source>%1 expected at %2</source>
        <translation>%1 previsto en %2</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="595"/>
        <source>%1 from %2 in transit to %3</source>
        <translation>%1 de %2 en tránsito a %3</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="598"/>
        <source> (overdue)</source>
        <translation> (con retraso)</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="600"/>
        <source> (date estimated)</source>
        <translation> (fecha estimada)</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="620"/>
        <source>fills the backorder of %1</source>
        <translation>sirve el pedido pendiente de %1</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="665"/>
        <source>A promise is for 1 to 1000000 units, not %1.</source>
        <translation>Un compromiso abarca de 1 a 1000000 unidades, no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="743"/>
        <source>%1 can be promised for %2: %3.</source>
        <translation>Se pueden prometer %1 para el %2: %3.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="748"/>
        <source>Backorders placed earlier (%1 units) are served first.</source>
        <translation>Los pedidos pendientes realizados antes (%1 unidades) se sirven primero.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="753"/>
        <source>%1 cannot be promised within %2 days: only %3 by %4.</source>
        <translation>No se pueden prometer %1 en %2 días: solo %3 hasta el %4.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="765"/>
        <source>Replenishment planning</source>
        <translation>Planificación de la reposición</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="767"/>
        <source>A service level is between 0 and 1 (e.g. 0.95), not %1.</source>
        <translation>Un nivel de servicio está entre 0 y 1 (p. ej. 0.95), no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="772"/>
        <source>A review period is 0 to 365 days, not %1.</source>
        <translation>Un periodo de revisión es de 0 a 365 días, no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="922"/>
        <source>Name the suggestions to accept (their ids, or all).</source>
        <translation>Indique las sugerencias que desea aceptar (sus ID o all).</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="925"/>
        <source>Accepting replenishment suggestions</source>
        <translation>Aceptar sugerencias de reposición</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="952"/>
        <source>Unknown supplier &quot;%1&quot;.</source>
        <translation>Proveedor desconocido «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="992"/>
        <source>No current suggestion has the id %1 (suggestions change with the stock: list them again).</source>
        <translation>Ninguna sugerencia actual tiene el ID %1 (las sugerencias cambian con el stock: vuelva a listarlas).</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="998"/>
        <source>No supplier is known for %1: name one with --supplier (it has never been ordered).</source>
        <translation>No se conoce ningún proveedor para %1: indique uno con --supplier (nunca se ha pedido).</translation>
    </message>
    <message>
        <location filename="../src/services/planningservice.cpp" line="1016"/>
        <location filename="../src/services/planningservice.cpp" line="1024"/>
        <source>Suggested by replenishment. %1</source>
        <translation>Sugerido por la reposición. %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/planningservice.cpp" line="1038"/>
        <source>accepted %n suggestion(s) as drafts %1</source>
        <translation>
            <numerusform>%n sugerencia aceptada como borrador %1</numerusform>
            <numerusform>%n sugerencias aceptadas como borradores %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicyChart</name>
    <message>
        <location filename="../qml/PolicyChart.qml" line="107"/>
        <source>Average stock (units)</source>
        <comment>@title:axis</comment>
        <translation>Stock medio (unidades)</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="108"/>
        <source>Average stock value</source>
        <comment>@title:axis</comment>
        <translation>Valor medio del stock</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="117"/>
        <source>Fill rate</source>
        <comment>@title:axis share of units served from stock at once</comment>
        <translation>Tasa de servicio</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="122"/>
        <source>Reorder point (s, S)</source>
        <comment>@label chart series</comment>
        <translation>Punto de pedido (s, S)</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="133"/>
        <source>Periodic review (R, S)</source>
        <comment>@label chart series</comment>
        <translation>Revisión periódica (R, S)</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="144"/>
        <source>Reorder settings now</source>
        <comment>@label chart series</comment>
        <translation>Parámetros de reposición actuales</translation>
    </message>
    <message>
        <location filename="../qml/PolicyChart.qml" line="155"/>
        <source>Chosen</source>
        <comment>@label chart series: the policy picked to apply</comment>
        <translation>Elegida</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../qml/ProductDialog.qml" line="40"/>
        <source>New product</source>
        <comment>@title:window</comment>
        <translation>Nuevo artículo</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="40"/>
        <source>Edit %1</source>
        <comment>@title:window</comment>
        <translation>Editar %1</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="78"/>
        <source>Add</source>
        <comment>@action:button</comment>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="78"/>
        <source>Save</source>
        <comment>@action:button</comment>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="83"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="98"/>
        <source>SKU:</source>
        <comment>@label:textbox</comment>
        <translation>SKU:</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="106"/>
        <source>e.g. MUG-ENAMEL-BLUE</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej. TAZA-ESMALTE-AZUL</translation>
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
        <translation>Nombre:</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="117"/>
        <source>Product name</source>
        <comment>@label</comment>
        <translation>Nombre del artículo</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="123"/>
        <source>GTIN / EAN:</source>
        <comment>@label:textbox</comment>
        <translation>GTIN / EAN:</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="135"/>
        <source>scan or type the barcode (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>escanee o escriba el código de barras (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="137"/>
        <source>Barcode</source>
        <comment>@label</comment>
        <translation>Código de barras</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="148"/>
        <source>✓ Valid check digit</source>
        <comment>@info</comment>
        <translation>✓ Dígito de control válido</translation>
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
        <translation>Coste unitario:</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="162"/>
        <source>what one unit costs us</source>
        <comment>@info:placeholder</comment>
        <translation>lo que nos cuesta una unidad</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="163"/>
        <source>Unit cost</source>
        <comment>@label</comment>
        <translation>Coste unitario</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="167"/>
        <source>Price:</source>
        <comment>@label:textbox</comment>
        <translation>Precio:</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="174"/>
        <source>Price</source>
        <comment>@label</comment>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="178"/>
        <source>Weight (g):</source>
        <comment>@label:textbox</comment>
        <translation>Peso (g):</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="186"/>
        <source>Weight in grams</source>
        <comment>@label</comment>
        <translation>Peso en gramos</translation>
    </message>
    <message>
        <location filename="../qml/ProductDialog.qml" line="196"/>
        <source>Active (can be sold and ordered)</source>
        <comment>@option:check</comment>
        <translation>Activo (se puede vender y pedir)</translation>
    </message>
</context>
<context>
    <name>ProductImport</name>
    <message>
        <location filename="../src/io/productimport.cpp" line="142"/>
        <source>%1 (on_hand and location may follow)</source>
        <translation>%1 (pueden seguir on_hand y location)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="147"/>
        <source>Handle,Title,…,Variant SKU,…,Variant Price,… as Shopify exports products (since 2025: URL handle,Title,…,SKU,…,Price,…)</source>
        <translation>Handle,Title,…,Variant SKU,…,Variant Price,… como Shopify exporta los productos (desde 2025: URL handle,Title,…,SKU,…,Price,…)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="150"/>
        <source>Handle,Title,Option1 Name,Option1 Value,…,SKU,…,Location,…,On hand as Shopify exports inventory</source>
        <translation>Handle,Title,Option1 Name,Option1 Value,…,SKU,…,Location,…,On hand como Shopify exporta el inventario</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="202"/>
        <source>&quot;%1&quot; is not an amount of money: it is negative</source>
        <translation>«%1» no es un importe: es negativo</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="209"/>
        <source>&quot;%1&quot; is not an amount of money: write the cents after a dot and no thousands separators (1234.50)</source>
        <translation>«%1» no es un importe: escriba los céntimos tras un punto y sin separadores de miles (1234.50)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="213"/>
        <source>&quot;%1&quot; is not an amount of money</source>
        <translation>«%1» no es un importe</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="220"/>
        <source>&quot;%1&quot; is not an amount of money: at most 2 decimals</source>
        <translation>«%1» no es un importe: como máximo 2 decimales</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="229"/>
        <source>&quot;%1&quot; is not an amount of money: more than 100000000.00</source>
        <translation>«%1» no es un importe: más de 100000000.00</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="251"/>
        <source>&quot;%1&quot; is not a weight in grams: a number from 0 to %2</source>
        <translation>«%1» no es un peso en gramos: un número de 0 a %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="253"/>
        <source>&quot;%1&quot; is not a weight in grams: a whole number from 0 to %2</source>
        <translation>«%1» no es un peso en gramos: un número entero de 0 a %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="274"/>
        <source>&quot;%1&quot; is not a number of units</source>
        <translation>«%1» no es un número de unidades</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="277"/>
        <source>&quot;%1&quot; is not a whole number of units</source>
        <translation>«%1» no es un número entero de unidades</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="283"/>
        <source>%1 units on hand cannot be imported: count the stock</source>
        <translation>no se pueden importar %1 unidades en existencia: cuente el stock</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="287"/>
        <source>&quot;%1&quot; is more units than can be imported (at most %2)</source>
        <translation>«%1» son más unidades de las que se pueden importar (como máximo %2)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="303"/>
        <source>&quot;%1&quot; is not yes or no (write 1, 0, true, false, yes or no)</source>
        <translation>«%1» no es ni sí ni no (escriba 1, 0, true, false, yes o no)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="316"/>
        <source>&quot;%1&quot; is not a Shopify status (active, draft or archived)</source>
        <translation>«%1» no es un estado de Shopify (active, draft o archived)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="468"/>
        <source>the file is empty: no products</source>
        <translation>el archivo está vacío: no hay artículos</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="471"/>
        <source>the file is empty: no products after the header line</source>
        <translation>el archivo está vacío: no hay artículos tras la línea de cabecera</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="487"/>
        <source>… and %1 more problems</source>
        <translation>… y %1 problemas más</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="544"/>
        <source>the header fits none of the formats we read; expected one of these headers: %1</source>
        <translation>la cabecera no corresponde a ninguno de los formatos que leemos; se esperaba una de estas cabeceras: %1</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="563"/>
        <source>the header does not fit the %1 format: it lacks %2; expected a header like %3</source>
        <translation>la cabecera no corresponde al formato %1: le falta %2; se esperaba una cabecera como %3</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="592"/>
        <source>unknown column (the columns are %1)</source>
        <translation>columna desconocida (las columnas son %1)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="600"/>
        <source>the same as column %1 (&quot;%2&quot;): keep one of them</source>
        <translation>igual que la columna %1 («%2»): conserve solo una de ellas</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="612"/>
        <source>a location needs an on_hand column beside it (the units there)</source>
        <translation>una ubicación necesita una columna on_hand a su lado (las unidades que hay allí)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="655"/>
        <source>%1 fields where the header has %2 (a comma in a field that is not quoted?)</source>
        <translation>%1 campos donde la cabecera tiene %2 (¿una coma en un campo sin comillas?)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="703"/>
        <source>&quot;%1&quot; is not a valid GTIN: %2</source>
        <translation>«%1» no es un GTIN válido: %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="715"/>
        <location filename="../src/io/productimport.cpp" line="811"/>
        <source>SKU %1 is already on line %2</source>
        <translation>el SKU %1 ya está en la línea %2</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="730"/>
        <source>empty: every product needs a SKU</source>
        <translation>vacío: cada artículo necesita un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="736"/>
        <source>empty: every product needs a name</source>
        <translation>vacío: cada artículo necesita un nombre</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="765"/>
        <source>empty: every row needs a handle or a SKU</source>
        <translation>vacío: cada fila necesita un handle o un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="775"/>
        <source>empty: every row needs a SKU</source>
        <translation>vacío: cada fila necesita un SKU</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="785"/>
        <source>empty: every row needs the units on hand (or &quot;Not stocked&quot;)</source>
        <translation>vacío: cada fila necesita las unidades en existencia (o «Not stocked»)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="786"/>
        <source>empty: every row needs the units on hand</source>
        <translation>vacío: cada fila necesita las unidades en existencia</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="812"/>
        <source>SKU %1 at %2 is already on line %3</source>
        <translation>el SKU %1 en %2 ya está en la línea %3</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="828"/>
        <source>empty: every row needs a handle</source>
        <translation>vacío: cada fila necesita un handle</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="866"/>
        <source>empty: every product needs a name (the Title on the first row of %1)</source>
        <translation>vacío: cada artículo necesita un nombre (el Title de la primera fila de %1)</translation>
    </message>
    <message>
        <location filename="../src/io/productimport.cpp" line="924"/>
        <source>cannot be read: %1</source>
        <translation>no se puede leer: %1</translation>
    </message>
</context>
<context>
    <name>ProductPane</name>
    <message>
        <location filename="../qml/ProductPane.qml" line="63"/>
        <source>Stock settings: %1 at %2</source>
        <comment>@title:window</comment>
        <translation>Ajustes de stock: %1 en %2</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="79"/>
        <source>Bin:</source>
        <comment>@label:textbox</comment>
        <translation>Hueco:</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="86"/>
        <source>e.g. A-03-2</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej. A-03-2</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="87"/>
        <source>Bin</source>
        <comment>@label</comment>
        <translation>Hueco</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="91"/>
        <source>Reorder point:</source>
        <comment>@label:spinbox</comment>
        <translation>Punto de pedido:</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="99"/>
        <source>0: none</source>
        <comment>@info:placeholder</comment>
        <translation>0: ninguno</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="100"/>
        <source>Reorder point</source>
        <comment>@label</comment>
        <translation>Punto de pedido</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="104"/>
        <source>Reorder quantity:</source>
        <comment>@label:spinbox</comment>
        <translation>Cantidad de reposición:</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="112"/>
        <source>Reorder quantity</source>
        <comment>@label</comment>
        <translation>Cantidad de reposición</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="121"/>
        <source>The line turns amber when available + on order + in transit falls below the reorder point.</source>
        <comment>@info</comment>
        <translation>La línea se vuelve ámbar cuando disponible + en pedido + en tránsito cae por debajo del punto de pedido.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="144"/>
        <source>Active</source>
        <comment>@label product state</comment>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="144"/>
        <source>Inactive</source>
        <comment>@label product state</comment>
        <translation>Inactivo</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="150"/>
        <source>Edit…</source>
        <comment>@action:button</comment>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="154"/>
        <source>Change the product (Ctrl+E)</source>
        <comment>@info:tooltip</comment>
        <translation>Modificar el artículo (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="155"/>
        <source>Edit product</source>
        <comment>@action:button</comment>
        <translation>Editar artículo</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="161"/>
        <source>Close (Esc)</source>
        <comment>@info:tooltip</comment>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="162"/>
        <source>Close the product</source>
        <comment>@action:button</comment>
        <translation>Cerrar el artículo</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="167"/>
        <location filename="../qml/ProductPane.qml" line="456"/>
        <source>Loading…</source>
        <comment>@info</comment>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="168"/>
        <source>There is no product %1.</source>
        <comment>@info</comment>
        <translation>No existe el artículo %1.</translation>
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
        <translation>Coste</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="186"/>
        <source>Avg. cost</source>
        <comment>@label moving-average cost</comment>
        <translation>Coste medio</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="190"/>
        <source>Price</source>
        <comment>@label</comment>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="194"/>
        <source>Weight</source>
        <comment>@label</comment>
        <translation>Peso</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="210"/>
        <source>Stock by location</source>
        <comment>@title</comment>
        <translation>Stock por ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="226"/>
        <source>Location</source>
        <comment>@title:column</comment>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="233"/>
        <source>Bin</source>
        <comment>@title:column</comment>
        <translation>Hueco</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="234"/>
        <source>On hand</source>
        <comment>@title:column</comment>
        <translation>Existencias</translation>
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
        <translation>Entrante</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="237"/>
        <source>Projected</source>
        <comment>@title:column</comment>
        <translation>Previsto</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="238"/>
        <source>Reorder at</source>
        <comment>@title:column reorder point</comment>
        <translation>Pto. pedido</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="239"/>
        <source>Qty</source>
        <comment>@title:column reorder quantity</comment>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="317"/>
        <source>%1 on order, %2 in transit</source>
        <comment>@info:tooltip</comment>
        <translation>%1 en pedido, %2 en tránsito</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="350"/>
        <source>Bin and reorder settings at %1</source>
        <comment>@info:tooltip</comment>
        <translation>Hueco y parámetros de reposición en %1</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="351"/>
        <source>Edit the stock settings at %1</source>
        <comment>@action:button</comment>
        <translation>Editar los ajustes de stock en %1</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="359"/>
        <source>On hand over the last %1 days</source>
        <comment>@title</comment>
        <translation>Existencias en los últimos %1 días</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="379"/>
        <source>Ledger</source>
        <comment>@title</comment>
        <translation>Libro de existencias</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="385"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation>Todas las ubicaciones</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="387"/>
        <source>Ledger of one location</source>
        <comment>@label</comment>
        <translation>Libro de existencias de una ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="441"/>
        <source>Ledger</source>
        <comment>@label</comment>
        <translation>Libro de existencias</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="456"/>
        <source>No movements.</source>
        <comment>@info</comment>
        <translation>Sin movimientos.</translation>
    </message>
    <message>
        <location filename="../qml/ProductPane.qml" line="463"/>
        <source>Loading older movements…</source>
        <comment>@info</comment>
        <translation>Cargando movimientos anteriores…</translation>
    </message>
</context>
<context>
    <name>PurchaseService</name>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="15"/>
        <source>Adding a supplier</source>
        <translation>Añadir un proveedor</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="17"/>
        <source>A supplier needs a name.</source>
        <translation>Un proveedor necesita un nombre.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="19"/>
        <source>The supplier name</source>
        <translation>El nombre del proveedor</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="21"/>
        <source>The e-mail address</source>
        <translation>La dirección de correo electrónico</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="23"/>
        <source>A lead time is 0 to 365 days, not %1.</source>
        <translation>Un plazo de entrega es de 0 a 365 días, no %1.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="31"/>
        <source>There is already a supplier &quot;%1&quot;.</source>
        <translation>Ya existe un proveedor «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="62"/>
        <source>Creating a purchase order</source>
        <translation>Crear un pedido de compra</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="64"/>
        <source>A purchase order needs at least one line.</source>
        <translation>Un pedido de compra necesita al menos una línea.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="67"/>
        <source>&quot;%1&quot; is not a date: give the expected date as YYYY-MM-DD.</source>
        <translation>«%1» no es una fecha: indique la fecha prevista como AAAA-MM-DD.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="71"/>
        <source>Line %1</source>
        <translation>Línea %1</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="73"/>
        <source>A unit cost cannot be negative (%1).</source>
        <translation>Un coste unitario no puede ser negativo (%1).</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="78"/>
        <source>Unknown supplier &quot;%1&quot;.</source>
        <translation>Proveedor desconocido «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="90"/>
        <source>%1 is on the purchase order twice: give it once with the whole quantity.</source>
        <translation>%1 figura dos veces en el pedido de compra: indíquelo una sola vez con la cantidad total.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="112"/>
        <source>There is no purchase order %1.</source>
        <translation>No existe el pedido de compra %1.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="145"/>
        <source>Placing a purchase order with the supplier</source>
        <translation>Realizar un pedido de compra al proveedor</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="146"/>
        <source>ordered</source>
        <translation>pedido</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="153"/>
        <source>Closing a purchase order</source>
        <translation>Cerrar un pedido de compra</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="154"/>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="161"/>
        <source>Cancelling a purchase order</source>
        <translation>Cancelar un pedido de compra</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="162"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="170"/>
        <source>Nothing to receive: give at least one SKU and quantity.</source>
        <translation>Nada que recibir: indique al menos un SKU y una cantidad.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="173"/>
        <source>Receiving %1</source>
        <translation>Recibir %1</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="184"/>
        <source>%1 is %2: nothing can be received against it.</source>
        <translation>%1 está en estado %2: no se puede recibir nada para él.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="196"/>
        <source>%1 is not on %2: receive it without a purchase order, or add it to a new one.</source>
        <translation>%1 no figura en %2: recíbalo sin pedido de compra o añádalo a uno nuevo.</translation>
    </message>
    <message>
        <location filename="../src/services/purchaseservice.cpp" line="225"/>
        <source>received</source>
        <translation>recibido</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="34"/>
        <source>✗ %1 is not on %2: set it aside.</source>
        <comment>@info barcode, purchase order</comment>
        <translation>✗ %1 no figura en %2: apártelo.</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="65"/>
        <source>Receive %1 from %2</source>
        <comment>@title:window purchase order, supplier</comment>
        <translation>Recibir %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="114"/>
        <source>Scan a barcode or type a SKU: each Enter adds 1</source>
        <comment>@info:placeholder</comment>
        <translation>Escanee un código de barras o escriba un SKU: cada Enter añade 1</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="115"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation>Escaneo o SKU</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="122"/>
        <source>Everything outstanding</source>
        <comment>@action:button fill in every outstanding quantity</comment>
        <translation>Todo lo pendiente</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="124"/>
        <source>Fill in every outstanding quantity</source>
        <comment>@action:button</comment>
        <translation>Rellenar todas las cantidades pendientes</translation>
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
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="172"/>
        <source>Received / ordered</source>
        <comment>@title:column</comment>
        <translation>Recibido / pedido</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="178"/>
        <source>Outstanding</source>
        <comment>@title:column</comment>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="184"/>
        <source>Arrived now</source>
        <comment>@title:column</comment>
        <translation>Llegan ahora</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="253"/>
        <source>Units of %1 arrived now</source>
        <comment>@label</comment>
        <translation>Unidades de %1 que llegan ahora</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="263"/>
        <source>+%1 over</source>
        <comment>@info</comment>
        <translation>+%1 de más</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="274"/>
        <source>Note, e.g. the delivery note number (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Nota, p. ej. el número de albarán del proveedor (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="275"/>
        <source>Receipt note</source>
        <comment>@label</comment>
        <translation>Nota de recepción</translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="281"/>
        <source>Receiving…</source>
        <comment>@action:button busy</comment>
        <translation>Recibiendo…</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceiveDialog.qml" line="282"/>
        <source>Receive %n unit(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Recibir %n unidad</numerusform>
            <numerusform>Recibir %n unidades</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceiveDialog.qml" line="291"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ReceivingPage</name>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="13"/>
        <source>Receiving</source>
        <comment>@title:tab</comment>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="117"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation>¿Cancelar %1?</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="118"/>
        <source>Nothing of it has come in; its units no longer count as on order.</source>
        <comment>@info</comment>
        <translation>No ha llegado nada; sus unidades ya no cuentan como en pedido.</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="125"/>
        <source>Close %1 short?</source>
        <comment>@title:window</comment>
        <translation>¿Cerrar %1 con faltante?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceivingPage.qml" line="126"/>
        <source>Nothing more will come: %n outstanding unit(s) stop counting as on order. The shortfall stays visible on the purchase order.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>No llegará nada más: %n unidad pendiente deja de contar como en pedido. El faltante sigue visible en el pedido de compra.</numerusform>
            <numerusform>No llegará nada más: %n unidades pendientes dejan de contar como en pedido. El faltante sigue visible en el pedido de compra.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="152"/>
        <source>Show purchase orders by status (Ctrl+F)</source>
        <comment>@label</comment>
        <translation>Mostrar pedidos de compra por estado (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="155"/>
        <source>New purchase order…</source>
        <comment>@action:button</comment>
        <translation>Nuevo pedido de compra…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="160"/>
        <source>New purchase order</source>
        <comment>@action:button</comment>
        <translation>Nuevo pedido de compra</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReceivingPage.qml" line="165"/>
        <source>%n purchase order(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n pedido de compra</numerusform>
            <numerusform>%n pedidos de compra</numerusform>
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
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="182"/>
        <source>To</source>
        <comment>@title:column receiving location</comment>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="182"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="183"/>
        <source>Expected</source>
        <comment>@title:column</comment>
        <translation>Previsto</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="183"/>
        <source>Received</source>
        <comment>@title:column received / ordered units</comment>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="184"/>
        <source>Over/short</source>
        <comment>@title:column</comment>
        <translation>Exceso/faltante</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="186"/>
        <source>No purchase orders here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation>No hay pedidos de compra aquí. Ctrl+N crea uno.</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="200"/>
        <source>No purchase order selected</source>
        <comment>@info</comment>
        <translation>Ningún pedido de compra seleccionado</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="218"/>
        <source>Overdue</source>
        <comment>@info expected date passed</comment>
        <translation>Con retraso</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="226"/>
        <source>%1 → %2 · expected %3</source>
        <comment>@info supplier → location · expected date</comment>
        <translation>%1 → %2 · previsto %3</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="228"/>
        <source>no date</source>
        <comment>@info</comment>
        <translation>sin fecha</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="234"/>
        <source>created by %1, %2</source>
        <comment>@info</comment>
        <translation>creado por %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="235"/>
        <source>ordered %1</source>
        <comment>@info</comment>
        <translation>pedido el %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="236"/>
        <source>closed %1</source>
        <comment>@info</comment>
        <translation>cerrado el %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="245"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="260"/>
        <source>Order</source>
        <comment>@action:button send the purchase order</comment>
        <translation>Pedir</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="266"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation>Recibir…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="273"/>
        <source>Close short…</source>
        <comment>@action:button</comment>
        <translation>Cerrar con faltante…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="279"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation>Cancelar…</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="294"/>
        <source>Ordered %1 (%2)</source>
        <comment>@info units (value)</comment>
        <translation>Pedido: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="295"/>
        <source>received %1</source>
        <comment>@info units</comment>
        <translation>recibido: %1</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="297"/>
        <source>%1 short</source>
        <comment>@info units that never came</comment>
        <translation>%1 faltantes</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="297"/>
        <source>%1 to come</source>
        <comment>@info units</comment>
        <translation>%1 por llegar</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="299"/>
        <source>%1 over</source>
        <comment>@info units</comment>
        <translation>%1 de más</translation>
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
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="312"/>
        <source>Ordered</source>
        <comment>@title:column</comment>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="313"/>
        <source>Received</source>
        <comment>@title:column</comment>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="314"/>
        <source>Short</source>
        <comment>@title:column units that never came</comment>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="315"/>
        <source>To come</source>
        <comment>@title:column outstanding units</comment>
        <translation>Por llegar</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="317"/>
        <source>Over</source>
        <comment>@title:column units beyond the order</comment>
        <translation>Exceso</translation>
    </message>
    <message>
        <location filename="../qml/ReceivingPage.qml" line="327"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation>Último cambio por %1, %2</translation>
    </message>
</context>
<context>
    <name>Replenishment</name>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="216"/>
        <source>lead time %1 d, %2 % service</source>
        <translation>plazo de entrega %1 d, servicio %2 %</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="219"/>
        <source>projected %1 above order-up-to %2 (%3): transfer %4 to %5, no order</source>
        <translation>stock previsto %1 por encima del nivel objetivo %2 (%3): traspasar %4 a %5, sin pedido</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="225"/>
        <source>projected %1 at or above reorder point %2 (%3): no order</source>
        <translation>stock previsto %1 igual o superior al punto de pedido %2 (%3): sin pedido</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="232"/>
        <source>transfer %1 from %2 to reach %3, no order</source>
        <translation>traspasar %1 desde %2 para alcanzar %3, sin pedido</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="236"/>
        <source>transfer %1 from %2, order %3 to reach %4</source>
        <translation>traspasar %1 desde %2, pedir %3 para alcanzar %4</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="240"/>
        <source>order %1 to reach %2</source>
        <translation>pedir %1 para alcanzar %2</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="247"/>
        <source> (minimum order %1)</source>
        <translation> (pedido mínimo %1)</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="249"/>
        <source> (packs of %1)</source>
        <translation> (lotes de %1)</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="253"/>
        <source>projected %1 below reorder point %2 (%3): %4</source>
        <translation>stock previsto %1 por debajo del punto de pedido %2 (%3): %4</translation>
    </message>
    <message>
        <location filename="../src/domain/replenishment.cpp" line="422"/>
        <source>%1 projected %2 below reorder point %3; %4 projected %5 above order-up-to %6: move %7</source>
        <translation>%1: stock previsto %2 por debajo del punto de pedido %3; %4: stock previsto %5 por encima del nivel objetivo %6: traspasar %7</translation>
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
        <translation>Reponer</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="65"/>
        <source>Location:</source>
        <comment>@label:listbox</comment>
        <translation>Ubicación:</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="71"/>
        <source>All locations</source>
        <comment>@item:inlistbox</comment>
        <translation>Todas las ubicaciones</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="77"/>
        <source>Location</source>
        <comment>@label</comment>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="80"/>
        <source>Service level:</source>
        <comment>@label:listbox</comment>
        <translation>Nivel de servicio:</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="89"/>
        <source>Service level</source>
        <comment>@label</comment>
        <translation>Nivel de servicio</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="91"/>
        <source>Chance of not running out before the next delivery</source>
        <comment>@info:tooltip</comment>
        <translation>Probabilidad de no quedarse sin stock antes de la próxima entrega</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="94"/>
        <source>Review every:</source>
        <comment>@label:spinbox</comment>
        <translation>Revisar cada:</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReplenishmentDialog.qml" line="104"/>
        <source>%n day(s)</source>
        <comment>@item:valuesuffix</comment>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="107"/>
        <source>Review period in days</source>
        <comment>@label</comment>
        <translation>Periodo de revisión en días</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="109"/>
        <source>How often replenishment orders are placed (0: whenever needed)</source>
        <comment>@info:tooltip</comment>
        <translation>Con qué frecuencia se realizan pedidos de reposición (0: cuando haga falta)</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="112"/>
        <source>Recalculate</source>
        <comment>@action:button</comment>
        <translation>Recalcular</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="129"/>
        <source>Planning…</source>
        <comment>@info:status</comment>
        <translation>Planificando…</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="137"/>
        <source>Stock, orders or documents changed since these suggestions were computed: Recalculate (F5).</source>
        <comment>@info</comment>
        <translation>El stock, los pedidos o los documentos han cambiado desde que se calcularon estas sugerencias: Recalcular (F5).</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="159"/>
        <source>Suggestions</source>
        <comment>@label</comment>
        <translation>Sugerencias</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="188"/>
        <source>%1 %2 at %3: %4</source>
        <comment>@info sku, qty, location, reason</comment>
        <translation>%1 %2 en %3: %4</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="223"/>
        <source>Include %1</source>
        <comment>@action:check sku</comment>
        <translation>Incluir %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="244"/>
        <source>move %1</source>
        <comment>@info units to transfer</comment>
        <translation>traspasar %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="245"/>
        <source>buy %1</source>
        <comment>@info units to purchase</comment>
        <translation>comprar %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="256"/>
        <source>✓ in a draft</source>
        <comment>@info suggestion created as a draft</comment>
        <translation>✓ en un borrador</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="257"/>
        <source>no supplier</source>
        <comment>@info</comment>
        <translation>sin proveedor</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="289"/>
        <source>Nothing to replenish: every location is covered at this service level.</source>
        <comment>@info</comment>
        <translation>Nada que reponer: todas las ubicaciones están cubiertas con este nivel de servicio.</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="302"/>
        <source>Order the products without a supplier from:</source>
        <comment>@label:listbox</comment>
        <translation>Pedir los artículos sin proveedor a:</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="309"/>
        <source>Supplier for products never ordered</source>
        <comment>@label</comment>
        <translation>Proveedor para artículos nunca pedidos</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="326"/>
        <source>Drafts created (check them, then order or request them): %1</source>
        <comment>@info a list of links</comment>
        <translation>Borradores creados (revíselos y después pídalos o solicítelos): %1</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="346"/>
        <source>Can we promise:</source>
        <comment>@label</comment>
        <translation>Comprobar si se puede prometer:</translation>
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
        <translation>SKU que prometer</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="363"/>
        <source>Quantity to promise</source>
        <comment>@label</comment>
        <translation>Cantidad que prometer</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="378"/>
        <source>Select none</source>
        <comment>@action:button</comment>
        <translation>No seleccionar ninguna</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="378"/>
        <source>Select all</source>
        <comment>@action:button</comment>
        <translation>Seleccionar todas</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="383"/>
        <source>Tick or clear every suggestion (Ctrl+A in the list; Space ticks one)</source>
        <comment>@info:tooltip</comment>
        <translation>Marcar o desmarcar todas las sugerencias (Ctrl+A en la lista; Espacio marca una)</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ReplenishmentDialog.qml" line="386"/>
        <source>Create %n draft line(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Crear %n línea de borrador</numerusform>
            <numerusform>Crear %n líneas de borrador</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="387"/>
        <source>Create drafts</source>
        <comment>@action:button</comment>
        <translation>Crear borradores</translation>
    </message>
    <message>
        <location filename="../qml/ReplenishmentDialog.qml" line="396"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="25"/>
        <source>Return from %1</source>
        <comment>@title:window</comment>
        <translation>Devolución de %1</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="26"/>
        <source>Receive return %1</source>
        <comment>@title:window</comment>
        <translation>Recibir devolución %1</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="88"/>
        <source>of %1 shipped</source>
        <comment>@label</comment>
        <translation>de %1 enviados</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="97"/>
        <source>Units of %1 coming back</source>
        <comment>@label</comment>
        <translation>Unidades de %1 que se devuelven</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="106"/>
        <source>Reason (e.g. wrong size)</source>
        <comment>@info:placeholder</comment>
        <translation>Motivo (p. ej. talla incorrecta)</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="107"/>
        <source>Return reason</source>
        <comment>@label</comment>
        <translation>Motivo de la devolución</translation>
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
        <translation>Reponer en stock</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="143"/>
        <source>Units of %1 to restock</source>
        <comment>@label</comment>
        <translation>Unidades de %1 que reponer en stock</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="150"/>
        <source>Restock at</source>
        <comment>@label</comment>
        <translation>Reponer en</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="153"/>
        <source>Write off</source>
        <comment>@label</comment>
        <translation>Dar de baja</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="161"/>
        <source>Units of %1 to write off</source>
        <comment>@label</comment>
        <translation>Unidades de %1 que dar de baja</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="170"/>
        <source>damaged</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation>dañado</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="171"/>
        <source>expired</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation>caducado</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="172"/>
        <source>lost</source>
        <comment>@item:inlistbox write-off reason</comment>
        <translation>perdido</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="174"/>
        <source>Write-off reason</source>
        <comment>@label</comment>
        <translation>Motivo de la baja</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="181"/>
        <source>Nothing shipped can come back any more.</source>
        <comment>@info</comment>
        <translation>Ya no puede volver nada de lo enviado.</translation>
    </message>
    <message>
        <location filename="../qml/ReturnDialog.qml" line="182"/>
        <source>Everything of this return is received.</source>
        <comment>@info</comment>
        <translation>Esta devolución se ha recibido por completo.</translation>
    </message>
</context>
<context>
    <name>ReturnService</name>
    <message>
        <location filename="../src/services/returnservice.cpp" line="18"/>
        <source>&quot;%1&quot; is not a return number (RMA-000012).</source>
        <translation>«%1» no es un número de devolución (RMA-000012).</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="22"/>
        <source>There is no return %1.</source>
        <translation>No existe la devolución %1.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="44"/>
        <source>Return %1 is %2: it cannot be %3.</source>
        <translation>La devolución %1 está en estado %2: no puede pasar al estado %3.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="59"/>
        <source>A return needs at least one line (SKU and quantity).</source>
        <translation>Una devolución necesita al menos una línea (SKU y cantidad).</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="63"/>
        <location filename="../src/services/returnservice.cpp" line="139"/>
        <source>The quantity of %1 must be at least 1.</source>
        <translation>La cantidad de %1 debe ser al menos 1.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="98"/>
        <source>%1 is not in order %2.</source>
        <translation>%1 no está en el pedido %2.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="102"/>
        <source>Only %1 × %2 of order %3 shipped and %4 are returned already: %5 more cannot come back.</source>
        <translation>Del pedido %3 solo se enviaron %1 × %2 y ya se han devuelto %4: no pueden volver %5 más.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="114"/>
        <source>Order %1 was changed meanwhile.</source>
        <translation>El pedido %1 se ha modificado entretanto.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="122"/>
        <source>return %1 requested: %2</source>
        <translation>devolución %1 solicitada: %2</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="135"/>
        <source>Say what happens to the returned units: restock or write off.</source>
        <translation>Indique qué ocurre con las unidades devueltas: reponer en stock o dar de baja.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="142"/>
        <source>Restocking %1 needs a location.</source>
        <translation>Para reponer %1 en stock se necesita una ubicación.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="145"/>
        <source>Writing off %1 needs a reason: %2, not &quot;%3&quot;.</source>
        <translation>Para dar de baja %1 se necesita un motivo: %2, no «%3».</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="159"/>
        <source>Writing off returned units</source>
        <translation>Dar de baja unidades devueltas</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="170"/>
        <source>returned units written off</source>
        <translation>unidades devueltas dadas de baja</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="172"/>
        <location filename="../src/services/returnservice.cpp" line="227"/>
        <location filename="../src/services/returnservice.cpp" line="252"/>
        <source>received</source>
        <translation>recibido</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="188"/>
        <source>Return %1 expects no more %2.</source>
        <translation>La devolución %1 no espera más %2.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="191"/>
        <source>Return %1 expects %2 × %3, not %4.</source>
        <translation>La devolución %1 espera %2 × %3, no %4.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="207"/>
        <source>%1 never shipped; say where it is written off.</source>
        <translation>%1 nunca se envió; indique dónde se da de baja.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="222"/>
        <source>%1 × %2 restocked at %3</source>
        <translation>%1 × %2 repuestos en stock en %3</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="231"/>
        <source>The written-off units of %1 could not be booked out.</source>
        <translation>No se han podido descontar las unidades dadas de baja de %1.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="240"/>
        <source>%1 × %2 written off (%3)</source>
        <translation>%1 × %2 dados de baja (%3)</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="257"/>
        <source>return %1 received: %2</source>
        <translation>devolución %1 recibida: %2</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="273"/>
        <source>refunded</source>
        <translation>reembolsado</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="288"/>
        <source>A refund must be more than 0.00.</source>
        <translation>Un reembolso debe ser mayor que 0,00.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="293"/>
        <source>%1 was paid %2 and refunded %3 already: %4 more cannot be refunded.</source>
        <translation>Por %1 se pagaron %2 y ya se reembolsaron %3: no se pueden reembolsar %4 más.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="302"/>
        <source>The payment of %1 is %2: nothing can be refunded.</source>
        <translation>El pago de %1 está en estado %2: no se puede reembolsar nada.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="309"/>
        <source>refunded %1 for return %2</source>
        <translation>reembolsado %1 por la devolución %2</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="324"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="331"/>
        <source>The returned count of %1 does not match return %2; run check.</source>
        <translation>La cantidad devuelta de %1 no coincide con la devolución %2; ejecute check.</translation>
    </message>
    <message>
        <location filename="../src/services/returnservice.cpp" line="337"/>
        <source>return %1 cancelled</source>
        <translation>devolución %1 cancelada</translation>
    </message>
</context>
<context>
    <name>RoutingPolicy</name>
    <message>
        <location filename="../src/domain/routing.cpp" line="100"/>
        <source>%1 lacked %2</source>
        <translation>%1 no tenía %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="238"/>
        <source>Shipped from %1: only location with all %n line(s)</source>
        <translation>
            <numerusform>Enviado desde %1: única ubicación con la %n línea</numerusform>
            <numerusform>Enviado desde %1: única ubicación con las %n líneas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="250"/>
        <source>Shipped from %1: all %n line(s) in stock, nearest to the customer&apos;s postcode</source>
        <translation>
            <numerusform>Enviado desde %1: %n línea en stock, la más cercana al código postal del cliente</numerusform>
            <numerusform>Enviado desde %1: las %n líneas en stock, la más cercana al código postal del cliente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="255"/>
        <source>Shipped from %1: all %n line(s) in stock, same region as the customer</source>
        <translation>
            <numerusform>Enviado desde %1: %n línea en stock, misma región que el cliente</numerusform>
            <numerusform>Enviado desde %1: las %n líneas en stock, misma región que el cliente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="258"/>
        <source>Shipped from %1: all %n line(s) in stock, first by priority</source>
        <translation>
            <numerusform>Enviado desde %1: %n línea en stock, primera por prioridad</numerusform>
            <numerusform>Enviado desde %1: las %n líneas en stock, primera por prioridad</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="262"/>
        <source>also complete: %1</source>
        <translation>también completa: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/domain/routing.cpp" line="291"/>
        <location filename="../src/domain/routing.cpp" line="315"/>
        <source>Split over %1: no single location had all %n line(s)</source>
        <translation>
            <numerusform>Repartido entre %1: ninguna ubicación tenía por sí sola la %n línea</numerusform>
            <numerusform>Repartido entre %1: ninguna ubicación tenía por sí sola las %n líneas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="318"/>
        <source>Backordered %1: no location has stock</source>
        <translation>Pendiente de stock %1: ninguna ubicación tiene stock</translation>
    </message>
    <message>
        <location filename="../src/domain/routing.cpp" line="321"/>
        <source>Backordered %1: not enough stock anywhere; the rest from %2</source>
        <translation>Pendiente de stock %1: no hay stock suficiente en ninguna ubicación; el resto desde %2</translation>
    </message>
</context>
<context>
    <name>SeriesFile</name>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="255"/>
        <source>cannot be opened: %1</source>
        <translation>no se puede abrir: %1</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="293"/>
        <source>is empty; expected the header series_id,period,value</source>
        <translation>está vacío; se esperaba la cabecera series_id,period,value</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="297"/>
        <source>the header has an unbalanced quote</source>
        <translation>la cabecera tiene unas comillas sin cerrar</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="316"/>
        <source>the header must name the columns series_id, period and value</source>
        <translation>la cabecera debe nombrar las columnas series_id, period y value</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="332"/>
        <source>unbalanced quote</source>
        <translation>comillas sin cerrar</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/seriesfile.cpp" line="337"/>
        <source>%n field(s), the header has more</source>
        <translation>
            <numerusform>%n campo, la cabecera tiene más</numerusform>
            <numerusform>%n campos, la cabecera tiene más</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="344"/>
        <source>is empty</source>
        <translation>está vacío</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="354"/>
        <source>&quot;%1&quot; is neither a whole number nor a date (YYYY-MM-DD, YYYY-MM or YYYY-Qn)</source>
        <translation>«%1» no es ni un número entero ni una fecha (AAAA-MM-DD, AAAA-MM o AAAA-Qn)</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="363"/>
        <source>&quot;%1&quot; is written differently from the period on line %2</source>
        <translation>«%1» está escrito de forma distinta al periodo de la línea %2</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="376"/>
        <source>&quot;%1&quot; is not a number</source>
        <translation>«%1» no es un número</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="393"/>
        <source>is not UTF-8 text</source>
        <translation>no es texto UTF-8</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="406"/>
        <source>has a header but no rows</source>
        <translation>tiene cabecera pero no filas</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/seriesfile.cpp" line="441"/>
        <source>dates %n day(s) apart are neither daily, weekly, monthly, quarterly nor yearly</source>
        <translation>
            <numerusform>unas fechas separadas por %n día no son diarias, semanales, mensuales, trimestrales ni anuales</numerusform>
            <numerusform>unas fechas separadas por %n días no son diarias, semanales, mensuales, trimestrales ni anuales</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="485"/>
        <source>series %1 would span %2 periods; its periods are too far apart</source>
        <translation>la serie %1 abarcaría %2 periodos; sus periodos están demasiado separados</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="498"/>
        <source>is not a whole number of weeks after the first period of series %1</source>
        <translation>no está a un número entero de semanas del primer periodo de la serie %1</translation>
    </message>
    <message>
        <location filename="../src/io/seriesfile.cpp" line="505"/>
        <source>series %1 has this period already on line %2</source>
        <translation>la serie %1 ya tiene este periodo en la línea %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="19"/>
        <source>Settings</source>
        <comment>@title:window</comment>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="30"/>
        <source>Language:</source>
        <comment>@label:listbox</comment>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="45"/>
        <source>Language of the interface</source>
        <comment>@label</comment>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="49"/>
        <source>Text size:</source>
        <comment>@label:listbox</comment>
        <translation>Tamaño del texto:</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="59"/>
        <source>Normal (100 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation>Normal (100 %)</translation>
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
        <translation>Más grande (150 %)</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="62"/>
        <source>Largest (200 %)</source>
        <comment>@item:inlistbox text size</comment>
        <translation>Máximo (200 %)</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="66"/>
        <source>Text size</source>
        <comment>@label</comment>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <location filename="../qml/SettingsDialog.qml" line="71"/>
        <source>Formats:</source>
        <comment>@label</comment>
        <translation>Formatos:</translation>
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
        <translation>El idioma también determina cómo se escriben los números, los importes y las fechas. Ambos ajustes se aplican de inmediato y se guardan en este equipo; inicie con --lang para usar otro idioma una sola vez.</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <location filename="../qml/ShipDialog.qml" line="22"/>
        <source>Ship %1</source>
        <comment>@title:window</comment>
        <translation>Enviar %1</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="27"/>
        <source>Ship</source>
        <comment>@action:button</comment>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="47"/>
        <source>⚠ %1 on another desktop: make sure nobody else is packing it.</source>
        <comment>@info</comment>
        <translation>⚠ %1 en otro equipo: asegúrese de que nadie más lo está embalando.</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="53"/>
        <source>Carrier:</source>
        <comment>@label:listbox</comment>
        <translation>Transportista:</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="61"/>
        <source>Carrier</source>
        <comment>@label</comment>
        <translation>Transportista</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="64"/>
        <source>Service:</source>
        <comment>@label:textbox</comment>
        <translation>Servicio:</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="70"/>
        <source>e.g. Tracked 48</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej. Tracked 48</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="71"/>
        <source>Service</source>
        <comment>@label</comment>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="74"/>
        <source>Weight (kg):</source>
        <comment>@label:textbox</comment>
        <translation>Peso (kg):</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="81"/>
        <source>Weight in kilograms</source>
        <comment>@label</comment>
        <translation>Peso en kilogramos</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="84"/>
        <source>Tracking:</source>
        <comment>@label:textbox</comment>
        <translation>Seguimiento:</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="91"/>
        <source>scan or type the tracking number</source>
        <comment>@info:placeholder</comment>
        <translation>escanee o escriba el número de seguimiento</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="92"/>
        <source>Tracking number</source>
        <comment>@label</comment>
        <translation>Número de seguimiento</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="104"/>
        <source>Open the shipping label to print</source>
        <comment>@option:check</comment>
        <translation>Abrir la etiqueta de envío para imprimirla</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="112"/>
        <source>✓ Valid %1 number</source>
        <comment>@info</comment>
        <translation>✓ Número de %1 válido</translation>
    </message>
    <message>
        <location filename="../qml/ShipDialog.qml" line="113"/>
        <source>✗ Invalid: %1</source>
        <comment>@info</comment>
        <translation>✗ No válido: %1</translation>
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
        <translation>Un código de barras Code 128 admite de 1 a 80 caracteres Latin-1, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="48"/>
        <source>The barcode library could not start.</source>
        <translation>No se ha podido iniciar la biblioteca de códigos de barras.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="56"/>
        <source>Cannot encode &quot;%1&quot; as Code 128: %2</source>
        <translation>No se puede codificar «%1» como Code 128: %2</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="59"/>
        <source>The barcode library could not draw &quot;%1&quot;.</source>
        <translation>La biblioteca de códigos de barras no ha podido dibujar «%1».</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="114"/>
        <source>There are no labels to print.</source>
        <translation>No hay etiquetas que imprimir.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="118"/>
        <source>Order %1 has no tracking number to print.</source>
        <translation>El pedido %1 no tiene número de seguimiento que imprimir.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="126"/>
        <source>Shipping label %1</source>
        <translation>Etiqueta de envío %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/io/shippinglabel.cpp" line="127"/>
        <source>%n shipping label(s)</source>
        <translation>
            <numerusform>%n etiqueta de envío</numerusform>
            <numerusform>%n etiquetas de envío</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="131"/>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="144"/>
        <source>Cannot finish %1.</source>
        <translation>No se puede finalizar %1.</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="175"/>
        <location filename="../src/io/zpllabel.cpp" line="165"/>
        <source>FROM</source>
        <comment>@label on a shipping label</comment>
        <translation>REMITENTE</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="182"/>
        <location filename="../src/io/zpllabel.cpp" line="178"/>
        <source>SHIP TO</source>
        <comment>@label on a shipping label</comment>
        <translation>DESTINATARIO</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="193"/>
        <location filename="../src/io/zpllabel.cpp" line="195"/>
        <source>Weight: %1 kg</source>
        <translation>Peso: %1 kg</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="194"/>
        <location filename="../src/io/zpllabel.cpp" line="196"/>
        <source>Order: %1</source>
        <translation>Pedido: %1</translation>
    </message>
    <message>
        <location filename="../src/io/shippinglabel.cpp" line="195"/>
        <location filename="../src/io/zpllabel.cpp" line="197"/>
        <source>Date: %1</source>
        <translation>Fecha: %1</translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <location filename="../qml/SignInWindow.qml" line="23"/>
        <source>Stockroom — first start</source>
        <comment>@title:window</comment>
        <translation>Stockroom — primer inicio</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="23"/>
        <source>Stockroom — sign in</source>
        <comment>@title:window</comment>
        <translation>Stockroom — iniciar sesión</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="61"/>
        <source>Welcome to Stockroom</source>
        <comment>@title</comment>
        <translation>Le damos la bienvenida a Stockroom</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="61"/>
        <source>Sign in</source>
        <comment>@title</comment>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="70"/>
        <source>This database has no users yet. Create its administrator: they can add clerks and managers later (Users… in the toolbar).</source>
        <comment>@info</comment>
        <translation>Esta base de datos aún no tiene usuarios. Cree su administrador: podrá añadir empleados y responsables más adelante (Usuarios… en la barra de herramientas).</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="71"/>
        <source>Database: %1</source>
        <comment>@info</comment>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="86"/>
        <location filename="../qml/SignInWindow.qml" line="96"/>
        <source>User name</source>
        <comment>@label:textbox</comment>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="102"/>
        <location filename="../qml/SignInWindow.qml" line="112"/>
        <source>Full name</source>
        <comment>@label:textbox</comment>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="115"/>
        <location filename="../qml/SignInWindow.qml" line="125"/>
        <source>Password</source>
        <comment>@label:textbox</comment>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="124"/>
        <source>at least 8 characters</source>
        <comment>@info:placeholder</comment>
        <translation>al menos 8 caracteres</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="132"/>
        <location filename="../qml/SignInWindow.qml" line="142"/>
        <source>Repeat password</source>
        <comment>@label:textbox</comment>
        <translation>Repetir contraseña</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="152"/>
        <source>Stay signed in on this desktop (30 days)</source>
        <comment>@option:check</comment>
        <translation>Mantener la sesión iniciada en este equipo (30 días)</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="179"/>
        <source>Create and sign in</source>
        <comment>@action:button</comment>
        <translation>Crear e iniciar sesión</translation>
    </message>
    <message>
        <location filename="../qml/SignInWindow.qml" line="179"/>
        <source>Sign in</source>
        <comment>@action:button</comment>
        <translation>Iniciar sesión</translation>
    </message>
</context>
<context>
    <name>SkuAliasesDialog</name>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="40"/>
        <source>SKU aliases: waiting lines of %1</source>
        <comment>@title:window</comment>
        <translation>Alias de SKU: líneas en espera de %1</translation>
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
        <translation>¿Descartar la línea %1 de %2?</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="68"/>
        <source>Remove the alias “%1”?</source>
        <comment>@title:window</comment>
        <translation>¿Eliminar el alias «%1»?</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="69"/>
        <source>Lines already mapped stay as they are; the next import that names “%1” puts its order on hold again.</source>
        <comment>@info</comment>
        <translation>Las líneas ya vinculadas se quedan como están; la próxima importación que mencione «%1» volverá a poner su pedido en espera.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="78"/>
        <location filename="../qml/SkuAliasesDialog.qml" line="438"/>
        <source>Remove…</source>
        <comment>@action:button</comment>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="83"/>
        <source>Close</source>
        <comment>@action:button</comment>
        <translation>Cerrar</translation>
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
        <translation>Líneas en espera (%1)</translation>
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
        <translation>Solo las líneas de %1.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="128"/>
        <source>Show every order&apos;s</source>
        <comment>@action:button</comment>
        <translation>Mostrar las de todos los pedidos</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="130"/>
        <source>Show the waiting lines of every order</source>
        <comment>@action:button</comment>
        <translation>Mostrar las líneas en espera de todos los pedidos</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="135"/>
        <source>Each line names a product we do not have, and its order waits on hold. Choose which of our products it is and press Map: the mapping is kept as an alias, every line that names it is resolved, and the next import knows it. Drop a line that will not be sent.</source>
        <comment>@info</comment>
        <translation>Cada línea menciona un artículo que no tenemos, y su pedido está en espera. Elija a cuál de nuestros artículos corresponde y pulse Vincular: la vinculación se guarda como alias, se resuelven todas las líneas que lo mencionan y la próxima importación ya lo reconoce. Descarte las líneas que no se vayan a enviar.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="142"/>
        <source>No order line waits for a mapping.</source>
        <comment>@info</comment>
        <translation>Ninguna línea de pedido espera una vinculación.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="156"/>
        <source>Waiting lines</source>
        <comment>@label</comment>
        <translation>Líneas en espera</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="195"/>
        <source>Open order %1</source>
        <comment>@action:button</comment>
        <translation>Abrir el pedido %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="198"/>
        <source>%1 %2 · line %3</source>
        <comment>@info channel, their order id, line</comment>
        <translation>%1 %2 · línea %3</translation>
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
        <translation>⚠ no es uno de nuestros artículos: %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="221"/>
        <source>Our SKU or product name…</source>
        <comment>@info:placeholder</comment>
        <translation>Nuestro SKU o nombre de artículo…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="224"/>
        <source>Our product for %1</source>
        <comment>@label</comment>
        <translation>Nuestro artículo para %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="225"/>
        <source>Type to search; arrow keys choose, Enter takes it, Enter again maps.</source>
        <comment>@info</comment>
        <translation>Escriba para buscar; las flechas eligen, Enter lo toma y otro Enter lo vincula.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="286"/>
        <source>Matching products</source>
        <comment>@label</comment>
        <translation>Artículos coincidentes</translation>
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
        <translation>Ninguno de nuestros artículos coincide.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="303"/>
        <source>Searching…</source>
        <comment>@info</comment>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="318"/>
        <source>Every channel</source>
        <comment>@option:check</comment>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="321"/>
        <source>Off: the alias holds for %1 only</source>
        <comment>@info:tooltip</comment>
        <translation>Desactivado: el alias solo vale para %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="322"/>
        <source>Map for every channel, not only %1</source>
        <comment>@option:check</comment>
        <translation>Vincular para todos los canales de venta, no solo para %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="325"/>
        <source>Map</source>
        <comment>@action:button</comment>
        <translation>Vincular</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="329"/>
        <source>Map %1 to %2</source>
        <comment>@action:button</comment>
        <translation>Vincular %1 a %2</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="332"/>
        <source>Drop line…</source>
        <comment>@action:button</comment>
        <translation>Descartar línea…</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="337"/>
        <source>%1 × %2 will not be sent. When it is the order&apos;s last waiting line, the order comes off hold (or is cancelled when nothing of ours is left in it).</source>
        <comment>@info</comment>
        <translation>%1 × %2 no se enviará. Si es la última línea en espera del pedido, el pedido deja de estar en espera (o se cancela si ya no queda en él ninguno de nuestros artículos).</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="340"/>
        <source>Drop line %1 of %2</source>
        <comment>@action:button</comment>
        <translation>Descartar la línea %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="356"/>
        <source>Search aliases, SKUs, products</source>
        <comment>@info:placeholder</comment>
        <translation>Buscar alias, SKU, artículos</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="358"/>
        <source>Search aliases</source>
        <comment>@label</comment>
        <translation>Buscar alias</translation>
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
        <translation>Suyo → nuestro</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="382"/>
        <source>Mapped by</source>
        <comment>@title:column</comment>
        <translation>Vinculado por</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="393"/>
        <source>No SKU aliases yet: mapping a waiting line makes one.</source>
        <comment>@info</comment>
        <translation>Aún no hay alias de SKU: al vincular una línea en espera se crea uno.</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="394"/>
        <source>No alias matches.</source>
        <comment>@info</comment>
        <translation>Ningún alias coincide.</translation>
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
        <translation>Eliminar el alias %1</translation>
    </message>
    <message>
        <location filename="../qml/SkuAliasesDialog.qml" line="464"/>
        <source>Not done: %1</source>
        <comment>@info</comment>
        <translation>No realizado: %1</translation>
    </message>
</context>
<context>
    <name>StartCountDialog</name>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="31"/>
        <source>Start a stock count</source>
        <comment>@title:window</comment>
        <translation>Iniciar un recuento de inventario</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="68"/>
        <source>Location:</source>
        <comment>@label:listbox</comment>
        <translation>Ubicación:</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="75"/>
        <source>Location to count</source>
        <comment>@label</comment>
        <translation>Ubicación que contar</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="82"/>
        <source>The whole location</source>
        <comment>@option:radio</comment>
        <translation>Toda la ubicación</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="87"/>
        <source>A cycle count of some products:</source>
        <comment>@option:radio</comment>
        <translation>Un recuento cíclico de algunos artículos:</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="97"/>
        <source>Bins starting with:</source>
        <comment>@label:textbox</comment>
        <translation>Huecos que empiezan por:</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="104"/>
        <source>e.g. A-01 (any bin when empty)</source>
        <comment>@info:placeholder</comment>
        <translation>p. ej. A-01 (vacío: cualquier hueco)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="105"/>
        <source>Bin prefix</source>
        <comment>@label</comment>
        <translation>Prefijo de hueco</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="108"/>
        <source>ABC class:</source>
        <comment>@label:listbox</comment>
        <translation>Clase ABC:</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="117"/>
        <source>Any class</source>
        <comment>@item:inlistbox</comment>
        <translation>Cualquier clase</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="118"/>
        <source>A: the products behind 80 % of the value shipped</source>
        <comment>@item:inlistbox</comment>
        <translation>A: los artículos que suponen el 80 % del valor enviado</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="119"/>
        <source>B: the next 15 %</source>
        <comment>@item:inlistbox</comment>
        <translation>B: el siguiente 15 %</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="120"/>
        <source>C: the rest</source>
        <comment>@item:inlistbox</comment>
        <translation>C: el resto</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="122"/>
        <source>ABC class</source>
        <comment>@label</comment>
        <translation>Clase ABC</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="125"/>
        <source>Not counted for:</source>
        <comment>@label:spinbox</comment>
        <translation>Sin contar desde hace:</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="134"/>
        <source>Not counted for this many days (0: any)</source>
        <comment>@label</comment>
        <translation>Sin contar desde hace tantos días (0: cualquiera)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="137"/>
        <source>days (any)</source>
        <comment>@label</comment>
        <translation>días (cualquiera)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="137"/>
        <source>days</source>
        <comment>@label</comment>
        <translation>días</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="145"/>
        <source>Blind: counters do not see the expected quantities</source>
        <comment>@option:check</comment>
        <translation>Ciego: quienes cuentan no ven las cantidades esperadas</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="151"/>
        <source>Note (optional)</source>
        <comment>@info:placeholder</comment>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="152"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="167"/>
        <source>Start counting</source>
        <comment>@action:button</comment>
        <translation>Empezar a contar</translation>
    </message>
    <message>
        <location filename="../qml/StartCountDialog.qml" line="176"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>StockChart</name>
    <message>
        <location filename="../qml/StockChart.qml" line="58"/>
        <source>On hand per location over time</source>
        <comment>@label chart</comment>
        <translation>Existencias por ubicación a lo largo del tiempo</translation>
    </message>
    <message>
        <location filename="../qml/StockChart.qml" line="63"/>
        <source>No stock here yet.</source>
        <comment>@info chart without data</comment>
        <translation>Aún no hay stock aquí.</translation>
    </message>
</context>
<context>
    <name>StockFeed</name>
    <message>
        <location filename="../src/io/stockfeed.cpp" line="85"/>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <location filename="../src/io/stockfeed.cpp" line="91"/>
        <source>The feed of %1 was recorded, but %2 could not be saved: %3. Write the feed again.</source>
        <translation>El feed de %1 se ha registrado, pero %2 no se ha podido guardar: %3. Vuelva a escribir el feed.</translation>
    </message>
</context>
<context>
    <name>StockService</name>
    <message>
        <location filename="../src/services/stockservice.cpp" line="21"/>
        <source>A receipt needs a quantity between 1 and %1, not %2.</source>
        <translation>Una recepción necesita una cantidad entre 1 y %1, no %2.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="33"/>
        <source>An adjustment needs a non-zero change within ±%1.</source>
        <translation>Un ajuste necesita un cambio distinto de cero dentro de ±%1.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="36"/>
        <source>An adjustment needs a reason.</source>
        <translation>Un ajuste necesita un motivo.</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="47"/>
        <source>Writing stock off</source>
        <translation>Dar de baja stock</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="48"/>
        <source>Adjusting stock by hand</source>
        <translation>Ajustar el stock manualmente</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="61"/>
        <source>%1 × %2 at %3: %4</source>
        <translation>%1 × %2 en %3: %4</translation>
    </message>
    <message>
        <location filename="../src/services/stockservice.cpp" line="69"/>
        <source>Not enough stock to take %1 × %2 off at %3: %4 available (%5 on hand, %6 reserved).</source>
        <translation>No hay stock suficiente para retirar %1 × %2 en %3: %4 disponibles (%5 en existencia, %6 reservados).</translation>
    </message>
</context>
<context>
    <name>Stockroom::ChangeFeed</name>
    <message>
        <location filename="../src/store/changefeed.cpp" line="86"/>
        <source>Cannot listen for changes: %1</source>
        <translation>No se pueden escuchar los cambios: %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::ChannelController</name>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="20"/>
        <source>Shopify inventory CSV</source>
        <comment>@item feed format</comment>
        <translation>CSV de inventario de Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="23"/>
        <source>CSV (SKU, location, available)</source>
        <comment>@item feed format</comment>
        <translation>CSV (SKU, ubicación, disponible)</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="163"/>
        <source>%n unit(s) + %1 %</source>
        <comment>@item feed buffer</comment>
        <translation>
            <numerusform>%n unidad + %1 %</numerusform>
            <numerusform>%n unidades + %1 %</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="165"/>
        <source>%n unit(s)</source>
        <comment>@item feed buffer</comment>
        <translation>
            <numerusform>%n unidad</numerusform>
            <numerusform>%n unidades</numerusform>
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
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="173"/>
        <source>✓ Up to date</source>
        <comment>@info feed status</comment>
        <translation>✓ Actualizado</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="175"/>
        <source>⚠ Never written: %n SKU(s) to send</source>
        <comment>@info feed status</comment>
        <translation>
            <numerusform>⚠ Nunca escrito: %n SKU por enviar</numerusform>
            <numerusform>⚠ Nunca escrito: %n SKU por enviar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="177"/>
        <source>⚠ %n SKU(s) changed since</source>
        <comment>@info feed status</comment>
        <translation>
            <numerusform>⚠ %n SKU modificado desde entonces</numerusform>
            <numerusform>⚠ %n SKU modificados desde entonces</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="183"/>
        <source>every active location</source>
        <comment>@item feed locations</comment>
        <translation>todas las ubicaciones activas</translation>
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
        <translation>no enviado</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="206"/>
        <source>no longer sent</source>
        <comment>@item feed number</comment>
        <translation>ya no se envía</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="216"/>
        <source>new</source>
        <comment>@item feed number</comment>
        <translation>nuevo</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="216"/>
        <source>removed</source>
        <comment>@item feed number</comment>
        <translation>eliminado</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="321"/>
        <source>%1-stock-feed.csv</source>
        <comment>@item file name</comment>
        <translation>%1-feed-de-stock.csv</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="332"/>
        <source>Choose a channel first.</source>
        <translation>Elija primero un canal de venta.</translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="332"/>
        <source>Choose the file to write first.</source>
        <translation>Elija primero el archivo que escribir.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="354"/>
        <source>Feed of %1 written to %2: %n row(s).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Feed de %1 escrito en %2: %n fila.</numerusform>
            <numerusform>Feed de %1 escrito en %2: %n filas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/channelcontroller.cpp" line="357"/>
        <source>%n SKU(s) had changed since the last feed.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n SKU había cambiado desde el último feed.</numerusform>
            <numerusform>%n SKU habían cambiado desde el último feed.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/channelcontroller.cpp" line="390"/>
        <source>Feed settings of %1 saved.</source>
        <comment>@info</comment>
        <translation>Ajustes del feed de %1 guardados.</translation>
    </message>
</context>
<context>
    <name>Stockroom::ConnectionSettings</name>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="67"/>
        <source>Choose a database file.</source>
        <translation>Elija un archivo de base de datos.</translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="69"/>
        <source>A PostgreSQL connection needs a host and a database name.</source>
        <translation>Una conexión PostgreSQL necesita un servidor y un nombre de base de datos.</translation>
    </message>
    <message>
        <location filename="../src/ui/connectionsettings.cpp" line="71"/>
        <source>The port must be between 1 and 65535.</source>
        <translation>El puerto debe estar entre 1 y 65535.</translation>
    </message>
</context>
<context>
    <name>Stockroom::DatabaseWorker</name>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="375"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="377"/>
        <source>Nothing was imported:</source>
        <translation>No se ha importado nada:</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="407"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="419"/>
        <source>Unknown action &quot;%1&quot;.</source>
        <translation>Acción desconocida «%1».</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="413"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="479"/>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="536"/>
        <source>%1 cancelled.</source>
        <translation>%1 cancelado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="415"/>
        <source>%1 shipped.</source>
        <translation>%1 enviado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="417"/>
        <source>%1 marked paid.</source>
        <translation>%1 marcado como pagado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="419"/>
        <source>Payment of %1 authorised.</source>
        <translation>Pago de %1 autorizado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="421"/>
        <source>Payment of %1 voided.</source>
        <translation>Pago de %1 anulado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="423"/>
        <source>Refund for %1 recorded.</source>
        <translation>Reembolso de %1 registrado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="425"/>
        <source>%1 is on hold.</source>
        <translation>%1 está en espera.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="427"/>
        <source>%1 is off hold.</source>
        <translation>%1 ya no está en espera.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="429"/>
        <source>%1 released for picking.</source>
        <translation>%1 liberado para preparación.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="431"/>
        <source>Return for %1 created.</source>
        <translation>Devolución de %1 creada.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="433"/>
        <source>Return %1 received.</source>
        <translation>Devolución %1 recibida.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="435"/>
        <source>Return %1 refunded.</source>
        <translation>Devolución %1 reembolsada.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="437"/>
        <source>Return %1 cancelled.</source>
        <translation>Devolución %1 cancelada.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="439"/>
        <source>Tracking event for %1 recorded.</source>
        <translation>Evento de seguimiento de %1 registrado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="441"/>
        <source>Tracking events of %1 imported.</source>
        <translation>Eventos de seguimiento importados de %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="490"/>
        <source>%n order(s) done</source>
        <translation>
            <numerusform>%n pedido procesado</numerusform>
            <numerusform>%n pedidos procesados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="492"/>
        <source>%n refused</source>
        <translation>
            <numerusform>%n rechazado</numerusform>
            <numerusform>%n rechazados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="555"/>
        <source>Pick list for %1: %n order(s), written to %2.</source>
        <translation>
            <numerusform>Lista de preparación de %1: %n pedido, escrita en %2.</numerusform>
            <numerusform>Lista de preparación de %1: %n pedidos, escrita en %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="565"/>
        <source>None of these orders has shipped with a tracking number yet.</source>
        <translation>Ninguno de estos pedidos se ha enviado aún con número de seguimiento.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker.cpp" line="569"/>
        <source>%n label(s) written to %1.</source>
        <translation>
            <numerusform>%n etiqueta escrita en %1.</numerusform>
            <numerusform>%n etiquetas escritas en %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker.cpp" line="572"/>
        <source>Not shipped yet, no label: %1.</source>
        <translation>Aún no enviado, sin etiqueta: %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_feed.cpp" line="22"/>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>No se puede escribir %1: la carpeta %2 no existe.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_feed.cpp" line="149"/>
        <source>&quot;%1&quot; is not an export: orders, stock, ledger or products.</source>
        <translation>«%1» no es una exportación: orders, stock, ledger o products.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_forecast.cpp" line="67"/>
        <source>The database could not be opened.</source>
        <translation>No se ha podido abrir la base de datos.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="80"/>
        <source>+%n over</source>
        <comment>@info units delivered beyond the order</comment>
        <translation>
            <numerusform>+%n de más</numerusform>
            <numerusform>+%n de más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="83"/>
        <source>%n short</source>
        <comment>@info units that never came</comment>
        <translation>
            <numerusform>%n faltante</numerusform>
            <numerusform>%n faltantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="85"/>
        <source>%n over/short</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n de exceso/faltante</numerusform>
            <numerusform>%n de exceso/faltante</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="97"/>
        <source>%n missing</source>
        <comment>@info units waiting for approval</comment>
        <translation>
            <numerusform>%n faltante</numerusform>
            <numerusform>%n faltantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="105"/>
        <source>%n with variance</source>
        <comment>@info count lines</comment>
        <translation>
            <numerusform>%n con diferencia</numerusform>
            <numerusform>%n con diferencia</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="221"/>
        <source>%1: %2 of %3 available</source>
        <comment>@info sku: available of wanted</comment>
        <translation>%1: %2 de %3 disponibles</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="343"/>
        <source>Cycle count</source>
        <comment>@label kind of stock count</comment>
        <translation>Recuento cíclico</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="344"/>
        <source>Whole location</source>
        <comment>@label kind of stock count</comment>
        <translation>Ubicación completa</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="396"/>
        <source>Unknown kind of document.</source>
        <translation>Tipo de documento desconocido.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="442"/>
        <source>%1 created for %2: order it when it is complete.</source>
        <translation>%1 creado para %2: realice el pedido cuando esté completo.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="450"/>
        <source>%1 ordered from %2.</source>
        <translation>%1 pedido a %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="459"/>
        <source>%1: %n unit(s) received; everything has come.</source>
        <translation>
            <numerusform>%1: %n unidad recibida; ha llegado todo.</numerusform>
            <numerusform>%1: %n unidades recibidas; ha llegado todo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="461"/>
        <source>%1: %n unit(s) received.</source>
        <translation>
            <numerusform>%1: %n unidad recibida.</numerusform>
            <numerusform>%1: %n unidades recibidas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="472"/>
        <source>%1 closed: %n unit(s) never came.</source>
        <translation>
            <numerusform>%1 cerrado: %n unidad no llegó nunca.</numerusform>
            <numerusform>%1 cerrado: %n unidades no llegaron nunca.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="496"/>
        <source>%1 created: %2 → %3.</source>
        <translation>%1 creado: %2 → %3.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="502"/>
        <source>%1 requested from %2.</source>
        <translation>%1 solicitado a %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="511"/>
        <source>%1 shipped: %n unit(s) on their way to %2.</source>
        <translation>
            <numerusform>%1 enviado: %n unidad en camino a %2.</numerusform>
            <numerusform>%1 enviado: %n unidades en camino a %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="518"/>
        <source>%1: %n unit(s) arrived.</source>
        <translation>
            <numerusform>%1: ha llegado %n unidad.</numerusform>
            <numerusform>%1: han llegado %n unidades.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="521"/>
        <source>%n unit(s) reported missing, waiting for a manager.</source>
        <translation>
            <numerusform>%n unidad notificada como faltante, a la espera de un responsable.</numerusform>
            <numerusform>%n unidades notificadas como faltantes, a la espera de un responsable.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="529"/>
        <source>Missing units of %1 written off.</source>
        <translation>Unidades faltantes de %1 dadas de baja.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="530"/>
        <source>Missing units of %1 are expected again (in transit).</source>
        <translation>Se vuelven a esperar las unidades faltantes de %1 (en tránsito).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="559"/>
        <source>%1 started at %2: %n line(s) to count.</source>
        <translation>
            <numerusform>%1 iniciado en %2: %n línea por contar.</numerusform>
            <numerusform>%1 iniciado en %2: %n líneas por contar.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="570"/>
        <source>%1: %2 counted.</source>
        <translation>%1: cantidad contada %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="580"/>
        <source>%1 submitted: %n line(s) differ from the books.</source>
        <translation>
            <numerusform>%1 enviado a aprobación: %n línea difiere de las existencias teóricas.</numerusform>
            <numerusform>%1 enviado a aprobación: %n líneas difieren de las existencias teóricas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_inventory.cpp" line="590"/>
        <source>%1 approved: %n adjustment(s) booked.</source>
        <translation>
            <numerusform>%1 aprobado: %n ajuste contabilizado.</numerusform>
            <numerusform>%1 aprobado: %n ajustes contabilizados.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="596"/>
        <source>%1 rejected.</source>
        <translation>%1 rechazado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_inventory.cpp" line="601"/>
        <source>%1 is open for counting again.</source>
        <translation>%1 vuelve a estar abierto para contar.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_neworder.cpp" line="32"/>
        <source>Line %1: %2</source>
        <comment>@info line number, why</comment>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_neworder.cpp" line="56"/>
        <source>%1 from %2</source>
        <comment>@info units, location</comment>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="160"/>
        <source>on every channel</source>
        <translation>en todos los canales de venta</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="161"/>
        <source>on %1</source>
        <translation>en %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="163"/>
        <source>“%1” is our %2 %3; %n waiting line(s) resolved.</source>
        <translation>
            <numerusform>«%1» es nuestro SKU %2 %3; %n línea en espera resuelta.</numerusform>
            <numerusform>«%1» es nuestro SKU %2 %3; %n líneas en espera resueltas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="178"/>
        <source>Alias “%1” removed.</source>
        <translation>Alias «%1» eliminado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_orders_import.cpp" line="201"/>
        <source>Line %1 dropped from %2 (now: %3).</source>
        <translation>Línea %1 descartada de %2 (ahora: %3).</translation>
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
        <translation>ya</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="182"/>
        <source>%1?</source>
        <comment>@info lead time assumed: no supplier known</comment>
        <translation>¿%1?</translation>
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
        <translation>nuevo</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="260"/>
        <source>never sold</source>
        <comment>@info slow mover</comment>
        <translation>nunca vendido</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="264"/>
        <source>last sold %1</source>
        <comment>@info slow mover: a date</comment>
        <translation>última venta el %1</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="356"/>
        <source>Not enough whole weeks of sales for a trend yet.</source>
        <comment>@info</comment>
        <translation>Aún no hay suficientes semanas completas de ventas para una tendencia.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="361"/>
        <source>trend %1%2 units a week</source>
        <comment>@info sign, units</comment>
        <translation>tendencia %1%2 unidades por semana</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="366"/>
        <source> (%1%2 % over %n week(s))</source>
        <comment>@info sign, percent</comment>
        <translation>
            <numerusform> (%1%2 % en %n semana)</numerusform>
            <numerusform> (%1%2 % en %n semanas)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="371"/>
        <source>%1 units, %2; %3</source>
        <comment>@info units, revenue; trend</comment>
        <translation>%1 unidades, %2; %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="387"/>
        <source>Forecasts are scored once there are %n whole week(s) of sales (now %1).</source>
        <comment>@info</comment>
        <translation>
            <numerusform>Las previsiones se evalúan cuando hay %n semana completa de ventas (ahora %1).</numerusform>
            <numerusform>Las previsiones se evalúan cuando hay %n semanas completas de ventas (ahora %1).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="444"/>
        <source>MASE %1 (naive %2)</source>
        <comment>@info forecast accuracy against a naive forecast</comment>
        <translation>MASE %1 (ingenuo %2)</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="446"/>
        <source>MASE not defined (flat history)</source>
        <comment>@info</comment>
        <translation>MASE no definido (historial plano)</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="447"/>
        <source>bias %1%2 units a week</source>
        <comment>@info sign, units</comment>
        <translation>sesgo %1%2 unidades por semana</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="456"/>
        <source>%n week(s) forecast %1 weeks ahead: %2, %3; now %4.</source>
        <comment>@info weeks scored, lead, MASE, bias, method</comment>
        <translation>
            <numerusform>%n semana prevista con %1 semanas de antelación: %2, %3; ahora %4.</numerusform>
            <numerusform>%n semanas previstas con %1 semanas de antelación: %2, %3; ahora %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="478"/>
        <source>projected %1 · reorder point %2 · up to %3 · cover %4 d · lead time %5 d · %6</source>
        <comment>@info replenishment numbers; the last is the forecast method</comment>
        <translation>stock previsto %1 · punto de pedido %2 · nivel objetivo %3 · cobertura %4 d · plazo de entrega %5 d · %6</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="622"/>
        <source>%1 · lead time %n day(s) · %2</source>
        <comment>@title supplier, lead time, order value</comment>
        <translation>
            <numerusform>%1 · plazo de entrega %n día · %2</numerusform>
            <numerusform>%1 · plazo de entrega %n días · %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="625"/>
        <source>No supplier known yet · %1</source>
        <comment>@title order value</comment>
        <translation>Aún no se conoce ningún proveedor · %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="645"/>
        <source>Transfers between locations · %n suggestion(s)</source>
        <comment>@title</comment>
        <translation>
            <numerusform>Traspasos entre ubicaciones · %n sugerencia</numerusform>
            <numerusform>Traspasos entre ubicaciones · %n sugerencias</numerusform>
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
            <numerusform>%1: %2 para %3, %n línea</numerusform>
            <numerusform>%1: %2 para %3, %n líneas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="728"/>
        <source>%1: %2 → %3, %n line(s)</source>
        <comment>@info a draft transfer</comment>
        <translation>
            <numerusform>%1: %2 → %3, %n línea</numerusform>
            <numerusform>%1: %2 → %3, %n líneas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="775"/>
        <source>%1 from %2 today</source>
        <comment>@info units, location</comment>
        <translation>%1 de %2 hoy</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="778"/>
        <source>%1 from %2 on %3</source>
        <comment>@info units, location, date</comment>
        <translation>%1 de %2 el %3</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="786"/>
        <source>Available now from %1</source>
        <comment>@info locations</comment>
        <translation>Disponible ahora desde %1</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_planning.cpp" line="789"/>
        <source>Earliest promise: %1 from %2</source>
        <comment>@info date, locations</comment>
        <translation>Fecha de compromiso más temprana: %1 desde %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/databaseworker_planning.cpp" line="794"/>
        <source>Not within %n week(s): only %1 by %2</source>
        <comment>@info units, date</comment>
        <translation>
            <numerusform>No en %n semana: solo %1 hasta el %2</numerusform>
            <numerusform>No en %n semanas: solo %1 hasta el %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="121"/>
        <source>Product %1 added.</source>
        <translation>Artículo %1 añadido.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="122"/>
        <source>Product %1 saved.</source>
        <translation>Artículo %1 guardado.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="139"/>
        <source>Stock settings of %1 at %2 saved.</source>
        <translation>Ajustes de stock de %1 en %2 guardados.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="236"/>
        <source>Location %1 added.</source>
        <translation>Ubicación %1 añadida.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="236"/>
        <source>Location %1 saved.</source>
        <translation>Ubicación %1 guardada.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_products.cpp" line="259"/>
        <source>Supplier %1 added.</source>
        <translation>Proveedor %1 añadido.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="16"/>
        <source>Reading the audit trail</source>
        <translation>Leer el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="55"/>
        <source>User %1 added as %2.</source>
        <translation>Usuario %1 añadido como %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="61"/>
        <source>%1 is now %2.</source>
        <translation>%1 ahora es %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="66"/>
        <source>%1 may sign in.</source>
        <translation>%1 puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="66"/>
        <source>%1 can no longer sign in.</source>
        <translation>%1 ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../src/ui/databaseworker_users.cpp" line="72"/>
        <source>The password of %1 is set; its other desktops must sign in again.</source>
        <translation>Se ha establecido la contraseña de %1; sus demás equipos deben volver a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>Stockroom::DocumentList</name>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="113"/>
        <source>Open</source>
        <comment>@item:inlistbox documents not finished yet</comment>
        <translation>Abiertos</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="115"/>
        <source>All</source>
        <comment>@item:inlistbox documents of any status</comment>
        <translation>Todos</translation>
    </message>
</context>
<context>
    <name>Stockroom::ExportController</name>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="24"/>
        <source>Orders (a row per order line)</source>
        <comment>@item:inlistbox export</comment>
        <translation>Pedidos (una fila por línea de pedido)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="26"/>
        <source>Stock levels (a row per product and location)</source>
        <comment>@item:inlistbox export</comment>
        <translation>Niveles de stock (una fila por artículo y ubicación)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="29"/>
        <source>Ledger (every stock movement)</source>
        <comment>@item:inlistbox export</comment>
        <translation>Libro de existencias (todos los movimientos de stock)</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="31"/>
        <source>Products</source>
        <comment>@item:inlistbox export</comment>
        <translation>Artículos</translation>
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
        <translation>Elija qué exportar.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="104"/>
        <source>Choose the file to write first.</source>
        <translation>Elija primero el archivo que escribir.</translation>
    </message>
    <message>
        <location filename="../src/ui/exportcontroller.cpp" line="109"/>
        <source>A file name cannot contain a NUL character.</source>
        <translation>Un nombre de archivo no puede contener un carácter NUL.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/exportcontroller.cpp" line="151"/>
        <source>%n row(s) written to %1.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n fila escrita en %1.</numerusform>
            <numerusform>%n filas escritas en %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::FileImportController</name>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="62"/>
        <source>Choose a file first.</source>
        <translation>Elija primero un archivo.</translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="75"/>
        <source>Nothing can be imported until every problem is fixed.</source>
        <translation>No se puede importar nada hasta que se corrijan todos los problemas.</translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="76"/>
        <source>Preview the file first: the import applies what a clean preview showed.</source>
        <translation>Muestre primero la vista previa del archivo: la importación aplica lo que mostró una vista previa sin errores.</translation>
    </message>
    <message>
        <location filename="../src/ui/fileimportcontroller.cpp" line="84"/>
        <source>%1 has changed since the preview: preview it again.</source>
        <translation>%1 ha cambiado desde la vista previa: vuelva a mostrar la vista previa.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/fileimportcontroller.cpp" line="143"/>
        <source>… and %n more.</source>
        <translation>
            <numerusform>… y %n problema más.</numerusform>
            <numerusform>… y %n problemas más.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Stockroom::ForecastController</name>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="173"/>
        <source>Automatic</source>
        <comment>@item forecast method: chosen by demand class and AICc</comment>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="174"/>
        <source>ETS, best by AICc</source>
        <comment>@item forecast method</comment>
        <translation>ETS, el mejor según AICc</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="175"/>
        <source>Naive</source>
        <comment>@item forecast method</comment>
        <translation>Ingenuo</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="176"/>
        <source>Seasonal naive</source>
        <comment>@item forecast method</comment>
        <translation>Ingenuo estacional</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="177"/>
        <source>Simple exponential smoothing</source>
        <comment>@item forecast method</comment>
        <translation>Suavizado exponencial simple</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="178"/>
        <source>Holt (linear trend)</source>
        <comment>@item forecast method</comment>
        <translation>Holt (tendencia lineal)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="179"/>
        <source>Holt, damped trend</source>
        <comment>@item forecast method</comment>
        <translation>Holt, tendencia amortiguada</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="180"/>
        <source>Holt-Winters additive</source>
        <comment>@item forecast method</comment>
        <translation>Holt-Winters aditivo</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="182"/>
        <source>Holt-Winters multiplicative</source>
        <comment>@item forecast method</comment>
        <translation>Holt-Winters multiplicativo</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="183"/>
        <source>Croston (intermittent)</source>
        <comment>@item forecast method</comment>
        <translation>Croston (intermitente)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="184"/>
        <source>SBA (intermittent)</source>
        <comment>@item forecast method</comment>
        <translation>SBA (intermitente)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="185"/>
        <source>TSB (intermittent, obsolescence)</source>
        <comment>@item forecast method</comment>
        <translation>TSB (intermitente, obsolescencia)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="421"/>
        <source>There are no products yet: add some in the Inventory view.</source>
        <comment>@info</comment>
        <translation>Aún no hay artículos: añada algunos en la vista Inventario.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="685"/>
        <source>smooth</source>
        <comment>@info demand class</comment>
        <translation>regular</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="688"/>
        <source>erratic</source>
        <comment>@info demand class</comment>
        <translation>errática</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="691"/>
        <source>intermittent</source>
        <comment>@info demand class</comment>
        <translation>intermitente</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="694"/>
        <source>lumpy</source>
        <comment>@info demand class</comment>
        <translation>irregular</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="705"/>
        <source>none: nothing sold yet</source>
        <comment>@info forecast method</comment>
        <translation>ninguno: aún no se ha vendido nada</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="844"/>
        <source>On hand</source>
        <comment>@item ATP event</comment>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="847"/>
        <source>Reserved</source>
        <comment>@item ATP event</comment>
        <translation>Reservado</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="850"/>
        <source>Backorders</source>
        <comment>@item ATP event</comment>
        <translation>Pedidos pendientes</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="853"/>
        <source>Backorder filled</source>
        <comment>@item ATP event</comment>
        <translation>Pedido pendiente servido</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="856"/>
        <source>Purchase order</source>
        <comment>@item ATP event</comment>
        <translation>Pedido de compra</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="859"/>
        <source>Transfer</source>
        <comment>@item ATP event</comment>
        <translation>Traspaso</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="897"/>
        <source>&quot;%1&quot; is not a quantity to promise (1 to 1,000,000 units).</source>
        <translation>«%1» no es una cantidad que prometer (de 1 a 1.000.000 unidades).</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="925"/>
        <source>%1 from %2 on %3</source>
        <comment>@info units, location, date</comment>
        <translation>%1 de %2 el %3</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1076"/>
        <source>Reorder point (s, S)</source>
        <comment>@item policy</comment>
        <translation>Punto de pedido (s, S)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1077"/>
        <source>Periodic review (R, S)</source>
        <comment>@item policy</comment>
        <translation>Revisión periódica (R, S)</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1108"/>
        <source>%1 ± %2 a day</source>
        <comment>@info simulated demand: mean ± sd</comment>
        <translation>%1 ± %2 al día</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1110"/>
        <source>%1 % of days, %2 ± %3 units</source>
        <comment>@info simulated intermittent demand</comment>
        <translation>%1 % de los días, %2 ± %3 unidades</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1113"/>
        <source>%1 runs of a year each (seeded), demand %2 from the last %3 days, lead time %4 ± %5 days, review every %6 days.</source>
        <comment>@info</comment>
        <translation>%1 simulaciones de un año cada una (con semilla fija), demanda %2 de los últimos %3 días, plazo de entrega %4 ± %5 días, revisión cada %6 días.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1133"/>
        <source>Reorder settings belong to a location: choose one first.</source>
        <comment>@info</comment>
        <translation>Los parámetros de reposición pertenecen a una ubicación: elija primero una.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1138"/>
        <source>A periodic review policy has no reorder point to set: choose a reorder point (s, S) policy.</source>
        <comment>@info</comment>
        <translation>Una política de revisión periódica no tiene punto de pedido que fijar: elija una política de punto de pedido (s, S).</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1171"/>
        <source>Restoring the reorder settings…</source>
        <comment>@info</comment>
        <translation>Restaurando los parámetros de reposición…</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1172"/>
        <source>Writing the reorder settings…</source>
        <comment>@info</comment>
        <translation>Guardando los parámetros de reposición…</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1192"/>
        <source>Restored at %1: reorder point %2, reorder quantity %3.</source>
        <comment>@info</comment>
        <translation>Restaurado en %1: punto de pedido %2, cantidad de reposición %3.</translation>
    </message>
    <message>
        <location filename="../src/ui/forecastcontroller.cpp" line="1199"/>
        <source>%1 at %2: reorder point %3 → %4, reorder quantity %5 → %6.</source>
        <comment>@info</comment>
        <translation>%1 en %2: punto de pedido %3 → %4, cantidad de reposición %5 → %6.</translation>
    </message>
</context>
<context>
    <name>Stockroom::InterfaceSettings</name>
    <message>
        <location filename="../src/ui/interfacesettings.cpp" line="108"/>
        <source>There is no translation for the language &quot;%1&quot;; use one of %2.</source>
        <translation>No hay traducción para el idioma «%1»; use uno de %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/interfacesettings.cpp" line="172"/>
        <source>The system&apos;s (%1)</source>
        <comment>@item language</comment>
        <translation>El del sistema (%1)</translation>
    </message>
</context>
<context>
    <name>Stockroom::InventoryDocuments</name>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="513"/>
        <source>&quot;%1&quot; is not a quantity (%2).</source>
        <translation>«%1» no es una cantidad (%2).</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="522"/>
        <source>&quot;%1&quot; is not a number of missing units (%2).</source>
        <translation>«%1» no es un número de unidades faltantes (%2).</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="531"/>
        <source>A line has a quantity but no SKU.</source>
        <translation>Una línea tiene cantidad pero no tiene SKU.</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="543"/>
        <source>&quot;%1&quot; is not a unit cost (%2).</source>
        <translation>«%1» no es un coste unitario (%2).</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="667"/>
        <source>&quot;%1&quot; is not a quantity.</source>
        <translation>«%1» no es una cantidad.</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="728"/>
        <source>Draft</source>
        <comment>@label purchase order status</comment>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="730"/>
        <source>Ordered</source>
        <comment>@label purchase order status</comment>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="732"/>
        <source>Partly received</source>
        <comment>@label purchase order status</comment>
        <translation>Recibido parcialmente</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="734"/>
        <source>Received</source>
        <comment>@label purchase order status</comment>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="736"/>
        <source>Cancelled</source>
        <comment>@label purchase order status</comment>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="740"/>
        <source>Draft</source>
        <comment>@label transfer status</comment>
        <translation>Borrador</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="742"/>
        <source>Requested</source>
        <comment>@label transfer status</comment>
        <translation>Solicitado</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="744"/>
        <source>In transit</source>
        <comment>@label transfer status</comment>
        <translation>En tránsito</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="746"/>
        <source>Received</source>
        <comment>@label transfer status</comment>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="748"/>
        <source>Cancelled</source>
        <comment>@label transfer status</comment>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="752"/>
        <source>Counting</source>
        <comment>@label stock count status</comment>
        <translation>En recuento</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="754"/>
        <source>Submitted</source>
        <comment>@label stock count status</comment>
        <translation>Enviado a aprobación</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="756"/>
        <source>Approved</source>
        <comment>@label stock count status</comment>
        <translation>Aprobado</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorydocuments.cpp" line="758"/>
        <source>Rejected</source>
        <comment>@label stock count status</comment>
        <translation>Rechazado</translation>
    </message>
</context>
<context>
    <name>Stockroom::InventoryModel</name>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="93"/>
        <source>Out of stock</source>
        <comment>@label stock level</comment>
        <translation>Sin stock</translation>
    </message>
    <message>
        <location filename="../src/ui/inventorymodel.cpp" line="95"/>
        <source>Reorder</source>
        <comment>@label stock level: below the reorder point</comment>
        <translation>Reponer</translation>
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
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="49"/>
        <source>Reserved</source>
        <comment>@label ledger reason: for an order</comment>
        <translation>Reservado</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="51"/>
        <source>Released</source>
        <comment>@label ledger reason: a reservation given back</comment>
        <translation>Liberado</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="53"/>
        <source>Shipped</source>
        <comment>@label ledger reason</comment>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="55"/>
        <source>Returned to stock</source>
        <comment>@label ledger reason</comment>
        <translation>Repuesto en stock</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="57"/>
        <source>Return written off</source>
        <comment>@label ledger reason</comment>
        <translation>Devolución dada de baja</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="59"/>
        <source>Count correction</source>
        <comment>@label ledger reason</comment>
        <translation>Corrección de recuento</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="61"/>
        <source>Transfer out</source>
        <comment>@label ledger reason</comment>
        <translation>Traspaso de salida</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="63"/>
        <source>Transfer in</source>
        <comment>@label ledger reason</comment>
        <translation>Traspaso de entrada</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="65"/>
        <source>Written off</source>
        <comment>@label ledger reason</comment>
        <translation>Dado de baja</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="67"/>
        <source>Corrected by hand</source>
        <comment>@label ledger reason</comment>
        <translation>Corregido a mano</translation>
    </message>
    <message>
        <location filename="../src/ui/ledgermodel.cpp" line="102"/>
        <source>Import %1</source>
        <comment>@info ledger reference</comment>
        <translation>Importación %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::NewOrderController</name>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="60"/>
        <source>Line %1 has no SKU.</source>
        <comment>@info</comment>
        <translation>La línea %1 no tiene SKU.</translation>
    </message>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="66"/>
        <source>Line %1 (%2): the quantity must be a whole number of at least 1.</source>
        <comment>@info line, SKU</comment>
        <translation>Línea %1 (%2): la cantidad debe ser un número entero de al menos 1.</translation>
    </message>
    <message>
        <location filename="../src/ui/newordercontroller.cpp" line="77"/>
        <source>The order has no lines: enter a SKU and a quantity.</source>
        <comment>@info</comment>
        <translation>El pedido no tiene líneas: introduzca un SKU y una cantidad.</translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderActions</name>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="88"/>
        <source>&quot;%1&quot; is not a weight in kilograms.</source>
        <translation>«%1» no es un peso en kilogramos.</translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="122"/>
        <source>&quot;%1&quot; is not an amount to refund.</source>
        <translation>«%1» no es un importe a reembolsar.</translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="185"/>
        <source>None of these orders has shipped with a tracking number yet.</source>
        <translation>Ninguno de estos pedidos se ha enviado aún con número de seguimiento.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="192"/>
        <source>%n shipping label(s)</source>
        <translation>
            <numerusform>%n etiqueta de envío</numerusform>
            <numerusform>%n etiquetas de envío</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="194"/>
        <source>Print %n label(s)</source>
        <translation>
            <numerusform>Imprimir %n etiqueta</numerusform>
            <numerusform>Imprimir %n etiquetas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="196"/>
        <source>Printing cancelled.</source>
        <translation>Impresión cancelada.</translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="201"/>
        <source>The printer could not be opened.</source>
        <translation>No se ha podido abrir la impresora.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/ui/orderactions.cpp" line="221"/>
        <source>%n label(s) sent to the printer.</source>
        <translation>
            <numerusform>%n etiqueta enviada a la impresora.</numerusform>
            <numerusform>%n etiquetas enviadas a la impresora.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/orderactions.cpp" line="224"/>
        <source>Not shipped yet, no label: %1.</source>
        <translation>Aún no enviado, sin etiqueta: %1.</translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderDetailController</name>
    <message>
        <location filename="../src/ui/orderdetailcontroller.cpp" line="66"/>
        <source>pays later</source>
        <translation>paga más tarde</translation>
    </message>
    <message>
        <location filename="../src/ui/orderdetailcontroller.cpp" line="69"/>
        <source>ships only from %1</source>
        <translation>solo se envía desde %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::OrderImportController</name>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="16"/>
        <source>Detect from the header</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Detectar por la cabecera</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="18"/>
        <source>Shopify orders export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Exportación de pedidos de Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="20"/>
        <source>WooCommerce orders export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Exportación de pedidos de WooCommerce</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="22"/>
        <source>Amazon order report</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Informe de pedidos de Amazon</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="24"/>
        <source>eBay Seller Hub orders report</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Informe de pedidos de eBay Seller Hub</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="26"/>
        <source>Etsy sold order items</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Artículos vendidos de Etsy</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="28"/>
        <source>Stockroom orders</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Pedidos de Stockroom</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="36"/>
        <source>On hold</source>
        <comment>@info import notice</comment>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="39"/>
        <source>Kept</source>
        <comment>@info import notice: our newer state was kept</comment>
        <translation>Conservado</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="41"/>
        <source>Attention</source>
        <comment>@info import notice</comment>
        <translation>Atención</translation>
    </message>
    <message>
        <location filename="../src/ui/orderimportcontroller.cpp" line="204"/>
        <source>not recognised</source>
        <comment>@info file format</comment>
        <translation>no reconocido</translation>
    </message>
</context>
<context>
    <name>Stockroom::PresenceTracker</name>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="50"/>
        <source>%1 is viewing</source>
        <translation>%1 lo está consultando</translation>
    </message>
    <message>
        <location filename="../src/ui/presencetracker.cpp" line="51"/>
        <source>%1 is %2</source>
        <translation>%1: %2</translation>
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
        <translation>«%1» no es un coste unitario.</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="257"/>
        <source>&quot;%1&quot; is not a price.</source>
        <translation>«%1» no es un precio.</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="261"/>
        <source>&quot;%1&quot; is not a weight in grams.</source>
        <translation>«%1» no es un peso en gramos.</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="285"/>
        <source>&quot;%1&quot; is not a reorder point (a whole number, 0 for none).</source>
        <translation>«%1» no es un punto de pedido (un número entero, 0 para ninguno).</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="289"/>
        <source>&quot;%1&quot; is not a reorder quantity (a whole number).</source>
        <translation>«%1» no es una cantidad de reposición (un número entero).</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="345"/>
        <source>&quot;%1&quot; is not a priority (a whole number, lower ships first).</source>
        <translation>«%1» no es una prioridad (un número entero; cuanto menor, antes se envía).</translation>
    </message>
    <message>
        <location filename="../src/ui/productcontroller.cpp" line="362"/>
        <source>&quot;%1&quot; is not a lead time in days.</source>
        <translation>«%1» no es un plazo de entrega en días.</translation>
    </message>
</context>
<context>
    <name>Stockroom::ProductImportController</name>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="15"/>
        <source>Detect from the header</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Detectar por la cabecera</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="17"/>
        <source>Stockroom products</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Artículos de Stockroom</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="19"/>
        <source>Stockroom stock levels</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Niveles de stock de Stockroom</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="21"/>
        <source>Shopify products export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Exportación de productos de Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="23"/>
        <source>Shopify inventory export</source>
        <comment>@item:inlistbox file format</comment>
        <translation>Exportación de inventario de Shopify</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="125"/>
        <source>not recognised</source>
        <comment>@info file format</comment>
        <translation>no reconocido</translation>
    </message>
    <message>
        <location filename="../src/ui/productimportcontroller.cpp" line="129"/>
        <source>Import %1</source>
        <comment>@info ledger reference</comment>
        <translation>Importación %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::ReplenishmentController</name>
    <message numerus="yes">
        <location filename="../src/ui/replenishmentcontroller.cpp" line="251"/>
        <source>%n suggestion(s) from %1 product × location plan(s), %2 at risk</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n sugerencia de %1 plan(es) artículo × ubicación, %2 en riesgo</numerusform>
            <numerusform>%n sugerencias de %1 plan(es) artículo × ubicación, %2 en riesgo</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/replenishmentcontroller.cpp" line="321"/>
        <source>Choose a supplier for the products that were never ordered.</source>
        <comment>@info</comment>
        <translation>Elija un proveedor para los artículos que nunca se han pedido.</translation>
    </message>
</context>
<context>
    <name>Stockroom::Session</name>
    <message numerus="yes">
        <location filename="../src/ui/session.cpp" line="208"/>
        <source>%1 (trying again in %n s)</source>
        <translation>
            <numerusform>%1 (nuevo intento en %n s)</numerusform>
            <numerusform>%1 (nuevo intento en %n s)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/ui/session.cpp" line="238"/>
        <source>Live refresh paused: %1</source>
        <translation>Actualización en directo en pausa: %1</translation>
    </message>
</context>
<context>
    <name>Stockroom::SignInController</name>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="134"/>
        <source>This database has users: give --user NAME and the password in $STOCKROOM_PASSWORD.</source>
        <translation>Esta base de datos tiene usuarios: indique --user NAME y la contraseña en $STOCKROOM_PASSWORD.</translation>
    </message>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="142"/>
        <source>Type your user name and password.</source>
        <translation>Escriba su nombre de usuario y su contraseña.</translation>
    </message>
    <message>
        <location filename="../src/ui/signincontroller.cpp" line="159"/>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>Stockroom::SkuAliasController</name>
    <message>
        <location filename="../src/ui/skualiascontroller.cpp" line="105"/>
        <source>every channel</source>
        <comment>@item SKU alias</comment>
        <translation>todos los canales de venta</translation>
    </message>
    <message>
        <location filename="../src/ui/skualiascontroller.cpp" line="150"/>
        <source>Choose one of our products for “%1” first.</source>
        <translation>Elija primero uno de nuestros artículos para «%1».</translation>
    </message>
</context>
<context>
    <name>Stockroom::UsersController</name>
    <message>
        <location filename="../src/ui/userscontroller.cpp" line="54"/>
        <location filename="../src/ui/userscontroller.cpp" line="78"/>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>TextField</name>
    <message>
        <location filename="../src/domain/textfield.cpp" line="9"/>
        <source>%1 &quot;%2&quot; contains a NUL character (\0), which cannot be stored.</source>
        <translation>%1 «%2» contiene un carácter NUL (\0), que no se puede guardar.</translation>
    </message>
    <message>
        <location filename="../src/domain/textfield.cpp" line="14"/>
        <source>%1 &quot;%2&quot; is not valid Unicode (a lone surrogate).</source>
        <translation>%1 «%2» no es Unicode válido (un sustituto aislado).</translation>
    </message>
    <message>
        <location filename="../src/domain/textfield.cpp" line="17"/>
        <source>%1 is %2 characters long; at most %3 are allowed.</source>
        <translation>%1 tiene %2 caracteres; se permiten como máximo %3.</translation>
    </message>
</context>
<context>
    <name>TrackingDialog</name>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="24"/>
        <source>Tracking %1</source>
        <comment>@title:window</comment>
        <translation>Seguimiento %1</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="36"/>
        <source>Import a carrier&apos;s tracking file</source>
        <comment>@title:window</comment>
        <translation>Importar el archivo de seguimiento de un transportista</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="37"/>
        <source>CSV files (*.csv)</source>
        <comment>@item:inlistbox</comment>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="37"/>
        <source>All files (*)</source>
        <comment>@item:inlistbox</comment>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="49"/>
        <source>Status:</source>
        <comment>@label:listbox</comment>
        <translation>Estado:</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="58"/>
        <source>In transit</source>
        <comment>@item:inlistbox</comment>
        <translation>En tránsito</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="59"/>
        <source>Out for delivery</source>
        <comment>@item:inlistbox</comment>
        <translation>En reparto</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="60"/>
        <source>Delivered</source>
        <comment>@item:inlistbox</comment>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="61"/>
        <source>Exception (failed attempt, damage…)</source>
        <comment>@item:inlistbox</comment>
        <translation>Incidencia (intento fallido, daños…)</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="62"/>
        <source>Returned to sender</source>
        <comment>@item:inlistbox</comment>
        <translation>Devuelto al remitente</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="64"/>
        <source>Tracking status</source>
        <comment>@label</comment>
        <translation>Estado del seguimiento</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="67"/>
        <source>Place:</source>
        <comment>@label:textbox</comment>
        <translation>Lugar:</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="73"/>
        <source>Place</source>
        <comment>@label</comment>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="76"/>
        <source>Note:</source>
        <comment>@label:textbox</comment>
        <translation>Nota:</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="82"/>
        <source>Note</source>
        <comment>@label</comment>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../qml/TrackingDialog.qml" line="87"/>
        <source>Import a carrier&apos;s CSV file…</source>
        <comment>@action:button</comment>
        <translation>Importar el archivo CSV de un transportista…</translation>
    </message>
</context>
<context>
    <name>TrackingImport</name>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="65"/>
        <source>tracking number</source>
        <translation>número de seguimiento</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="67"/>
        <source>status</source>
        <translation>estado</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="69"/>
        <source>time</source>
        <translation>hora</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="71"/>
        <source>place</source>
        <translation>lugar</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="73"/>
        <source>description</source>
        <translation>descripción</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="115"/>
        <source>the file is empty: expected the header line %1 and one line per event.</source>
        <translation>el archivo está vacío: se esperaba la línea de cabecera %1 y una línea por evento.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="140"/>
        <source>no %1 column (one of: %2); expected a header like %3.</source>
        <translation>no hay columna de %1 (una de: %2); se esperaba una cabecera como %3.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="166"/>
        <source>the columns %1 all give the %2: keep one of them.</source>
        <translation>las columnas %1 indican todas el campo %2: conserve solo una de ellas.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="203"/>
        <source>%1 fields where the header has %2 (a comma in a field that is not quoted?).</source>
        <translation>%1 campos donde la cabecera tiene %2 (¿una coma en un campo sin comillas?).</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="217"/>
        <location filename="../src/io/trackingimport.cpp" line="220"/>
        <location filename="../src/io/trackingimport.cpp" line="229"/>
        <source>empty.</source>
        <translation>vacío.</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="224"/>
        <source>unknown status &quot;%1&quot; (expected one of %2, or a carrier&apos;s words such as &quot;Out for Delivery&quot;).</source>
        <translation>estado desconocido «%1» (se esperaba uno de %2, o el texto de un transportista como «Out for Delivery»).</translation>
    </message>
    <message>
        <location filename="../src/io/trackingimport.cpp" line="233"/>
        <source>&quot;%1&quot; is not a date and time (use 2026-11-27T14:05:00+01:00; without an offset it is UTC).</source>
        <translation>«%1» no es una fecha y hora (use 2026-11-27T14:05:00+01:00; sin desfase horario se interpreta como UTC).</translation>
    </message>
</context>
<context>
    <name>TrackingNumbers</name>
    <message>
        <location filename="../src/domain/tracking.cpp" line="58"/>
        <source>UPS 1Z number</source>
        <translation>Número 1Z de UPS</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="65"/>
        <source>UPS waybill number</source>
        <translation>Número de guía de UPS</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="72"/>
        <source>UPU S10 item number</source>
        <translation>Número de envío UPU S10</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="80"/>
        <location filename="../src/domain/tracking.cpp" line="90"/>
        <source>USPS IMpb number</source>
        <translation>Número IMpb de USPS</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="100"/>
        <source>FedEx Ground 96 number</source>
        <translation>Número 96 de FedEx Ground</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="107"/>
        <source>FedEx Ground 34-digit barcode</source>
        <translation>Código de barras de 34 dígitos de FedEx Ground</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="114"/>
        <source>FedEx ASTRA barcode</source>
        <translation>Código de barras ASTRA de FedEx</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="120"/>
        <source>FedEx Express 34-digit barcode</source>
        <translation>Código de barras de 34 dígitos de FedEx Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="126"/>
        <location filename="../src/domain/tracking.cpp" line="134"/>
        <source>OnTrac number</source>
        <translation>Número de OnTrac</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="142"/>
        <source>Old Dominion PRO number</source>
        <translation>Número PRO de Old Dominion</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="147"/>
        <source>Old Dominion guaranteed PRO number</source>
        <translation>Número PRO garantizado de Old Dominion</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="152"/>
        <source>FedEx Express 12-digit number</source>
        <translation>Número de 12 dígitos de FedEx Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="158"/>
        <source>Purolator 12-digit number</source>
        <translation>Número de 12 dígitos de Purolator</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="163"/>
        <source>DHL Express waybill number</source>
        <translation>Número de guía de DHL Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="168"/>
        <source>FedEx Ground 15-digit number</source>
        <translation>Número de 15 dígitos de FedEx Ground</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="175"/>
        <source>DPD parcel number</source>
        <translation>Número de paquete de DPD</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="180"/>
        <source>Canada Post 16-digit number</source>
        <translation>Número de 16 dígitos de Canada Post</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="188"/>
        <source>SSCC-18 (FedEx Ground) number</source>
        <translation>Número SSCC-18 (FedEx Ground)</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="196"/>
        <source>USPS 20-digit number</source>
        <translation>Número de 20 dígitos de USPS</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="204"/>
        <source>USPS confirmation number</source>
        <translation>Número de confirmación de USPS</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="212"/>
        <source>DPD 28-digit barcode</source>
        <translation>Código de barras de 28 dígitos de DPD</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="218"/>
        <source>Amazon Logistics number</source>
        <translation>Número de Amazon Logistics</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="222"/>
        <source>Canpar number</source>
        <translation>Número de Canpar</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="226"/>
        <source>DHL Express piece ID</source>
        <translation>ID de bulto de DHL Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="230"/>
        <source>DHL eCommerce number</source>
        <translation>Número de DHL eCommerce</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="234"/>
        <source>GOFO Express number</source>
        <translation>Número de GOFO Express</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="238"/>
        <source>Landmark Global number</source>
        <translation>Número de Landmark Global</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="242"/>
        <location filename="../src/domain/tracking.cpp" line="246"/>
        <location filename="../src/domain/tracking.cpp" line="250"/>
        <location filename="../src/domain/tracking.cpp" line="254"/>
        <source>LaserShip number</source>
        <translation>Número de LaserShip</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="258"/>
        <source>Purolator number</source>
        <translation>Número de Purolator</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="262"/>
        <source>Spee-Dee number</source>
        <translation>Número de Spee-Dee</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="266"/>
        <source>Yodel number</source>
        <translation>Número de Yodel</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="270"/>
        <source>YunExpress number</source>
        <translation>Número de YunExpress</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="471"/>
        <source>No tracking number was entered.</source>
        <translation>No se ha introducido ningún número de seguimiento.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="491"/>
        <source>%1: this kind of number has no check digit, so only its shape was checked.</source>
        <translation>%1: este tipo de número no tiene dígito de control, así que solo se ha comprobado su formato.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="499"/>
        <source>%1: %2 is not the country code of a postal service.</source>
        <translation>%1: %2 no es el código de país de un servicio postal.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="515"/>
        <source>%1: check digit should be %2, not %3.</source>
        <translation>%1: el dígito de control debería ser %2, no %3.</translation>
    </message>
    <message>
        <location filename="../src/domain/tracking.cpp" line="535"/>
        <source>Not a tracking number format we know: accepted, but check it against the label.</source>
        <translation>Formato de número de seguimiento desconocido: se acepta, pero compruébelo con la etiqueta.</translation>
    </message>
</context>
<context>
    <name>TrackingService</name>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="24"/>
        <source>Line %1: </source>
        <translation>Línea %1: </translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="28"/>
        <source>unknown tracking status &quot;%1&quot; (expected one of %2).</source>
        <translation>estado de seguimiento desconocido «%1» (se esperaba uno de %2).</translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="36"/>
        <source>&quot;%1&quot; is not a date and time (use 2026-11-27T14:05:00+01:00).</source>
        <translation>«%1» no es una fecha y hora (use 2026-11-27T14:05:00+01:00).</translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="43"/>
        <source>no shipment has tracking number &quot;%1&quot;.</source>
        <translation>ningún envío tiene el número de seguimiento «%1».</translation>
    </message>
    <message>
        <location filename="../src/services/trackingservice.cpp" line="67"/>
        <source>Shipment %1 is %2: it cannot become %3.</source>
        <translation>El envío %1 está en estado %2: no puede pasar a %3.</translation>
    </message>
</context>
<context>
    <name>TransferReceiveDialog</name>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="37"/>
        <source>%1: only %2 still expected.</source>
        <comment>@info</comment>
        <translation>%1: solo se esperan %2 más.</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="39"/>
        <source>%1: say why units are missing.</source>
        <comment>@info</comment>
        <translation>%1: indique por qué faltan unidades.</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="50"/>
        <source>✗ %1 is not expected on %2: set it aside.</source>
        <comment>@info barcode, transfer</comment>
        <translation>✗ %1 no se espera en %2: apártelo.</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="83"/>
        <source>Receive %1 from %2</source>
        <comment>@title:window transfer, source location</comment>
        <translation>Recibir %1 de %2</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="131"/>
        <source>Scan a barcode or type a SKU: each Enter adds 1 arrived</source>
        <comment>@info:placeholder</comment>
        <translation>Escanee un código de barras o escriba un SKU: cada Enter suma 1 llegada</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="132"/>
        <source>Scan or SKU</source>
        <comment>@label</comment>
        <translation>Escaneo o SKU</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="139"/>
        <source>Everything arrived</source>
        <comment>@action:button</comment>
        <translation>Ha llegado todo</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="141"/>
        <source>Fill in every expected quantity as arrived</source>
        <comment>@action:button</comment>
        <translation>Marcar todas las cantidades esperadas como llegadas</translation>
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
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="188"/>
        <source>Expected</source>
        <comment>@title:column</comment>
        <translation>Previsto</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="194"/>
        <source>Arrived</source>
        <comment>@title:column</comment>
        <translation>Llegado</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="199"/>
        <source>Missing</source>
        <comment>@title:column</comment>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="204"/>
        <source>Why missing</source>
        <comment>@title:column</comment>
        <translation>Motivo de la falta</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="268"/>
        <source>Units of %1 arrived</source>
        <comment>@label</comment>
        <translation>Unidades de %1 llegadas</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="284"/>
        <source>Units of %1 missing</source>
        <comment>@label</comment>
        <translation>Unidades de %1 faltantes</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="294"/>
        <source>damaged</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation>dañado</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="295"/>
        <source>lost in transit</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation>perdido en tránsito</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="296"/>
        <source>short shipped</source>
        <comment>@item:inlistbox reason units are missing</comment>
        <translation>enviado de menos</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="305"/>
        <source>Why units of %1 are missing</source>
        <comment>@label</comment>
        <translation>Por qué faltan unidades de %1</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="321"/>
        <source>Receiving…</source>
        <comment>@action:button busy</comment>
        <translation>Recibiendo…</translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="322"/>
        <source>Receive %1, report %2 missing</source>
        <comment>@action:button</comment>
        <translation>Recibir %1, notificar %2 faltantes</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransferReceiveDialog.qml" line="323"/>
        <source>Receive %n unit(s)</source>
        <comment>@action:button</comment>
        <translation>
            <numerusform>Recibir %n unidad</numerusform>
            <numerusform>Recibir %n unidades</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransferReceiveDialog.qml" line="332"/>
        <source>Cancel</source>
        <comment>@action:button</comment>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>TransferService</name>
    <message>
        <location filename="../src/services/transferservice.cpp" line="28"/>
        <source>A transfer needs at least one line.</source>
        <translation>Un traspaso necesita al menos una línea.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="31"/>
        <source>Line %1</source>
        <translation>Línea %1</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="36"/>
        <source>A transfer goes between two different locations.</source>
        <translation>Un traspaso se realiza entre dos ubicaciones distintas.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="46"/>
        <source>%1 is on the transfer twice: give it once with the whole quantity.</source>
        <translation>%1 figura dos veces en el traspaso: indíquelo una sola vez con la cantidad total.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="66"/>
        <source>There is no transfer %1.</source>
        <translation>No existe el traspaso %1.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="90"/>
        <source>requested</source>
        <translation>solicitado</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="101"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="110"/>
        <source>shipped</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="125"/>
        <source>%1 cannot leave %2: %3 × %4 wanted, %5 available (%6 on hand, %7 reserved for orders).</source>
        <translation>%1 no puede salir de %2: se quieren %3 × %4, hay %5 disponibles (%6 en existencia, %7 reservados para pedidos).</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="136"/>
        <source>to %1</source>
        <translation>a %1</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="160"/>
        <source>received</source>
        <translation>recibido</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="172"/>
        <source>Nothing to receive: give at least one SKU and quantity.</source>
        <translation>Nada que recibir: indique al menos un SKU y una cantidad.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="178"/>
        <source>Receiving %1 needs a quantity arrived or missing above 0.</source>
        <translation>Para recibir %1 se necesita una cantidad llegada o faltante mayor que 0.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="182"/>
        <source>Missing units of %1 need a reason (damaged, lost, short shipped, …).</source>
        <translation>Las unidades faltantes de %1 necesitan un motivo (dañadas, perdidas, enviadas de menos…).</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="190"/>
        <source>%1 is %2: only a transfer in transit can be received.</source>
        <translation>%1 está en estado %2: solo se puede recibir un traspaso en tránsito.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="204"/>
        <source>%1 is not on %2.</source>
        <translation>%1 no figura en %2.</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="209"/>
        <source>%1 of %2: %3 arrived or missing, but only %4 are still expected (%5 sent, %6 arrived, %7 missing).</source>
        <translation>%1 de %2: %3 llegadas o faltantes, pero solo se esperan %4 más (%5 enviadas, %6 llegadas, %7 faltantes).</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="223"/>
        <source>from %1</source>
        <translation>desde %1</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="241"/>
        <source>Deciding on a transfer&apos;s missing units</source>
        <translation>Decisión sobre las unidades faltantes de un traspaso</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="254"/>
        <source>missing units of %1 written off</source>
        <translation>unidades faltantes de %1 dadas de baja</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="255"/>
        <source>missing units of %1 still expected</source>
        <translation>unidades faltantes de %1 todavía esperadas</translation>
    </message>
    <message>
        <location filename="../src/services/transferservice.cpp" line="272"/>
        <source>%1 has no missing units to decide on.</source>
        <translation>%1 no tiene unidades faltantes sobre las que decidir.</translation>
    </message>
</context>
<context>
    <name>TransfersPage</name>
    <message>
        <location filename="../qml/TransfersPage.qml" line="13"/>
        <source>Transfers</source>
        <comment>@title:tab</comment>
        <translation>Traspasos</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="123"/>
        <source>Cancel %1?</source>
        <comment>@title:window</comment>
        <translation>¿Cancelar %1?</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="124"/>
        <source>Nothing has left %1 yet; the transfer will not happen.</source>
        <comment>@info</comment>
        <translation>Todavía no ha salido nada de %1; el traspaso no se realizará.</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="131"/>
        <source>Write off the missing units of %1?</source>
        <comment>@title:window</comment>
        <translation>¿Dar de baja las unidades faltantes de %1?</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="132"/>
        <source>%n unit(s) reported missing stop counting as in transit and are written off. This cannot be undone.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unidad notificada como faltante deja de contar como en tránsito y se da de baja. Esta acción no se puede deshacer.</numerusform>
            <numerusform>%n unidades notificadas como faltantes dejan de contar como en tránsito y se dan de baja. Esta acción no se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="158"/>
        <source>Show transfers by status (Ctrl+F)</source>
        <comment>@label</comment>
        <translation>Mostrar traspasos por estado (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="161"/>
        <source>New transfer…</source>
        <comment>@action:button</comment>
        <translation>Nuevo traspaso…</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="166"/>
        <source>New transfer</source>
        <comment>@action:button</comment>
        <translation>Nuevo traspaso</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="171"/>
        <source>%n transfer(s)</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n traspaso</numerusform>
            <numerusform>%n traspasos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="186"/>
        <source>Transfer</source>
        <comment>@title:column</comment>
        <translation>Traspaso</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="186"/>
        <source>From → to</source>
        <comment>@title:column</comment>
        <translation>Origen → destino</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="187"/>
        <source>Status</source>
        <comment>@title:column</comment>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="187"/>
        <source>Date</source>
        <comment>@title:column shipped, requested or created</comment>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="188"/>
        <source>Arrived</source>
        <comment>@title:column arrived / sent units</comment>
        <translation>Llegado</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="188"/>
        <location filename="../qml/TransfersPage.qml" line="356"/>
        <source>Missing</source>
        <comment>@title:column</comment>
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="190"/>
        <source>No transfers here. Ctrl+N starts one.</source>
        <comment>@info</comment>
        <translation>No hay traspasos aquí. Ctrl+N crea uno.</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="204"/>
        <source>No transfer selected</source>
        <comment>@info</comment>
        <translation>Ningún traspaso seleccionado</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="228"/>
        <source>created by %1, %2</source>
        <comment>@info</comment>
        <translation>creado por %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="229"/>
        <source>requested %1</source>
        <comment>@info</comment>
        <translation>solicitado %1</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="230"/>
        <source>shipped by %1, %2</source>
        <comment>@info</comment>
        <translation>enviado por %1, %2</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="231"/>
        <source>received %1</source>
        <comment>@info</comment>
        <translation>recibido %1</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="240"/>
        <source>Note: %1</source>
        <comment>@info</comment>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="248"/>
        <source>⚠ Not enough available at %1 to ship: %2</source>
        <comment>@info</comment>
        <translation>⚠ No hay suficiente disponible en %1 para enviar: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="267"/>
        <source>%n unit(s) reported missing, waiting for a manager: approve writes them off, reject keeps them in transit.</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unidad notificada como faltante, a la espera de un responsable: aprobar la da de baja, rechazar la mantiene en tránsito.</numerusform>
            <numerusform>%n unidades notificadas como faltantes, a la espera de un responsable: aprobar las da de baja, rechazar las mantiene en tránsito.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="282"/>
        <source>Request</source>
        <comment>@action:button ask the source to send it</comment>
        <translation>Solicitar</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="288"/>
        <source>Ship</source>
        <comment>@action:button</comment>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="295"/>
        <source>Receive…</source>
        <comment>@action:button</comment>
        <translation>Recibir…</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="302"/>
        <source>Approve missing…</source>
        <comment>@action:button write the missing units off</comment>
        <translation>Aprobar faltantes…</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="308"/>
        <source>Reject missing</source>
        <comment>@action:button the missing units are still expected</comment>
        <translation>Rechazar faltantes</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="314"/>
        <source>Cancel…</source>
        <comment>@action:button</comment>
        <translation>Cancelar…</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/TransfersPage.qml" line="330"/>
        <source>%n unit(s) to send from %1</source>
        <comment>@info</comment>
        <translation>
            <numerusform>%n unidad por enviar desde %1</numerusform>
            <numerusform>%n unidades por enviar desde %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="331"/>
        <source>Sent %1 · arrived %2 · missing %3 · written off %4 · in transit %5</source>
        <comment>@info totals</comment>
        <translation>Enviado %1 · llegado %2 · faltante %3 · dado de baja %4 · en tránsito %5</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="343"/>
        <source>Missing: </source>
        <comment>@info prefix of the reason units are missing</comment>
        <translation>Faltante: </translation>
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
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="348"/>
        <source>Qty</source>
        <comment>@title:column</comment>
        <translation>Cant.</translation>
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
        <translation>Faltante</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="354"/>
        <source>Sent</source>
        <comment>@title:column</comment>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="355"/>
        <source>Arrived</source>
        <comment>@title:column</comment>
        <translation>Llegado</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="357"/>
        <source>Written off</source>
        <comment>@title:column</comment>
        <translation>Dado de baja</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="358"/>
        <source>In transit</source>
        <comment>@title:column</comment>
        <translation>En tránsito</translation>
    </message>
    <message>
        <location filename="../qml/TransfersPage.qml" line="368"/>
        <source>Last change by %1, %2</source>
        <comment>@info</comment>
        <translation>Último cambio por %1, %2</translation>
    </message>
</context>
<context>
    <name>UserService</name>
    <message>
        <location filename="../src/services/userservice.cpp" line="97"/>
        <source>A password needs at least 8 characters.</source>
        <translation>Una contraseña necesita al menos 8 caracteres.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="100"/>
        <source>A password can have at most 1,024 characters.</source>
        <translation>Una contraseña puede tener como máximo 1024 caracteres.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="103"/>
        <source>The password cannot be the user name.</source>
        <translation>La contraseña no puede ser el nombre de usuario.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="106"/>
        <source>A password cannot contain a NUL character.</source>
        <translation>Una contraseña no puede contener un carácter NUL.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="114"/>
        <source>A user needs a name to sign in with.</source>
        <translation>Un usuario necesita un nombre con el que iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="117"/>
        <source>A user name cannot start or end with a space.</source>
        <translation>Un nombre de usuario no puede empezar ni terminar con un espacio.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="120"/>
        <source>A user name can have at most 64 characters.</source>
        <translation>Un nombre de usuario puede tener como máximo 64 caracteres.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="126"/>
        <source>A user name cannot contain control or invisible characters.</source>
        <translation>Un nombre de usuario no puede contener caracteres de control ni invisibles.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="143"/>
        <source>This database has users: sign in first.</source>
        <translation>Esta base de datos tiene usuarios: inicie sesión primero.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/userservice.cpp" line="163"/>
        <source>Too many wrong passwords for %1: try again in %n second(s).</source>
        <translation>
            <numerusform>Demasiadas contraseñas incorrectas para %1: vuelva a intentarlo dentro de %n segundo.</numerusform>
            <numerusform>Demasiadas contraseñas incorrectas para %1: vuelva a intentarlo dentro de %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="177"/>
        <source>Wrong user name or password.</source>
        <translation>Nombre de usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="187"/>
        <source>unknown user name</source>
        <translation>nombre de usuario desconocido</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/services/userservice.cpp" line="210"/>
        <source>wrong password (%n in a row)</source>
        <translation>
            <numerusform>contraseña incorrecta (%n vez seguida)</numerusform>
            <numerusform>contraseña incorrecta (%n veces seguidas)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="211"/>
        <source>account disabled</source>
        <translation>cuenta desactivada</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="229"/>
        <source>signed in (stays signed in on %1)</source>
        <translation>sesión iniciada (se mantiene en %1)</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="230"/>
        <source>signed in</source>
        <translation>sesión iniciada</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="245"/>
        <source>Sign in again.</source>
        <translation>Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="251"/>
        <source>This desktop&apos;s sign-in has expired or was revoked: sign in again.</source>
        <translation>El inicio de sesión de este equipo ha caducado o se ha revocado: vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="269"/>
        <location filename="../src/services/userservice.cpp" line="298"/>
        <source>Adding a user</source>
        <translation>Añadir un usuario</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="272"/>
        <source>The first user of a database must be an administrator.</source>
        <translation>El primer usuario de una base de datos debe ser un administrador.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="281"/>
        <source>A full name can have at most 200 characters and no NUL.</source>
        <translation>Un nombre completo puede tener como máximo 200 caracteres y ningún NUL.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="302"/>
        <source>There is a user %1 already.</source>
        <translation>Ya existe un usuario %1.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="308"/>
        <source>user %1 added as %2</source>
        <translation>usuario %1 añadido como %2</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="319"/>
        <source>Listing users</source>
        <translation>Listar los usuarios</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="332"/>
        <source>%1 is the last active administrator: make someone else an administrator first.</source>
        <translation>%1 es el último administrador activo: nombre antes administrador a otra persona.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="345"/>
        <source>Setting another user&apos;s password</source>
        <translation>Establecer la contraseña de otro usuario</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="351"/>
        <location filename="../src/services/userservice.cpp" line="364"/>
        <location filename="../src/services/userservice.cpp" line="410"/>
        <source>There is no user %1.</source>
        <translation>No existe el usuario %1.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="358"/>
        <source>The current password is not right.</source>
        <translation>La contraseña actual no es correcta.</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="374"/>
        <source>changed own password</source>
        <translation>ha cambiado su propia contraseña</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="375"/>
        <source>password of %1 set by an administrator</source>
        <translation>contraseña de %1 establecida por un administrador</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="381"/>
        <source>Changing a user&apos;s role</source>
        <translation>Cambiar el rol de un usuario</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="384"/>
        <source>%1 is now %2</source>
        <translation>%1 es ahora %2</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="390"/>
        <source>Enabling a user</source>
        <translation>Activar un usuario</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="391"/>
        <source>Disabling a user</source>
        <translation>Desactivar un usuario</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="395"/>
        <source>%1 may sign in again</source>
        <translation>%1 puede volver a iniciar sesión</translation>
    </message>
    <message>
        <location filename="../src/services/userservice.cpp" line="396"/>
        <source>%1 can no longer sign in</source>
        <translation>%1 ya no puede iniciar sesión</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../qml/UsersDialog.qml" line="21"/>
        <source>Users</source>
        <comment>@title:window</comment>
        <translation>Usuarios</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="21"/>
        <source>My password</source>
        <comment>@title:window</comment>
        <translation>Mi contraseña</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="73"/>
        <location filename="../qml/UsersDialog.qml" line="132"/>
        <source>clerk</source>
        <comment>@item:inlistbox role</comment>
        <translation>empleado</translation>
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
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="77"/>
        <source>Role of %1</source>
        <comment>@label:listbox</comment>
        <translation>Rol de %1</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="82"/>
        <source>active</source>
        <comment>@info user state</comment>
        <translation>activo</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="82"/>
        <source>disabled</source>
        <comment>@info user state</comment>
        <translation>desactivado</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="86"/>
        <source>Disable</source>
        <comment>@action:button</comment>
        <translation>Desactivar</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="86"/>
        <source>Enable</source>
        <comment>@action:button</comment>
        <translation>Activar</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="91"/>
        <source>Password…</source>
        <comment>@action:button</comment>
        <translation>Contraseña…</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="103"/>
        <source>Add a user</source>
        <comment>@title:group</comment>
        <translation>Añadir un usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="115"/>
        <source>user name</source>
        <comment>@info:placeholder</comment>
        <translation>nombre de usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="117"/>
        <source>New user&apos;s name</source>
        <comment>@label:textbox</comment>
        <translation>Nombre del nuevo usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="124"/>
        <source>full name</source>
        <comment>@info:placeholder</comment>
        <translation>nombre completo</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="126"/>
        <source>New user&apos;s full name</source>
        <comment>@label:textbox</comment>
        <translation>Nombre completo del nuevo usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="133"/>
        <source>New user&apos;s role</source>
        <comment>@label:listbox</comment>
        <translation>Rol del nuevo usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="142"/>
        <source>password (8 characters or more)</source>
        <comment>@info:placeholder</comment>
        <translation>contraseña (8 caracteres o más)</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="143"/>
        <source>New user&apos;s password</source>
        <comment>@label:textbox</comment>
        <translation>Contraseña del nuevo usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="151"/>
        <source>repeat password</source>
        <comment>@info:placeholder</comment>
        <translation>repita la contraseña</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="152"/>
        <source>Repeat the new user&apos;s password</source>
        <comment>@label:textbox</comment>
        <translation>Repita la contraseña del nuevo usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="156"/>
        <source>Add user</source>
        <comment>@action:button</comment>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="166"/>
        <source>Change my password</source>
        <comment>@title:group</comment>
        <translation>Cambiar mi contraseña</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="172"/>
        <location filename="../qml/UsersDialog.qml" line="173"/>
        <source>Current password</source>
        <comment>@label:textbox</comment>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="174"/>
        <location filename="../qml/UsersDialog.qml" line="175"/>
        <location filename="../qml/UsersDialog.qml" line="214"/>
        <source>New password</source>
        <comment>@label:textbox</comment>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="176"/>
        <source>Repeat</source>
        <comment>@label:textbox</comment>
        <translation>Repetir</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="177"/>
        <location filename="../qml/UsersDialog.qml" line="215"/>
        <source>Repeat the new password</source>
        <comment>@label:textbox</comment>
        <translation>Repita la contraseña nueva</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="180"/>
        <source>Change password</source>
        <comment>@action:button</comment>
        <translation>Cambiar contraseña</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="204"/>
        <source>Set the password of %1</source>
        <comment>@title:window</comment>
        <translation>Establecer la contraseña de %1</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="214"/>
        <source>new password</source>
        <comment>@info:placeholder</comment>
        <translation>contraseña nueva</translation>
    </message>
    <message>
        <location filename="../qml/UsersDialog.qml" line="215"/>
        <source>repeat</source>
        <comment>@info:placeholder</comment>
        <translation>repetir</translation>
    </message>
</context>
<context>
    <name>ZplLabel</name>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="36"/>
        <source>Label printers print at 152, 203, 300 or 600 dpi, not %1.</source>
        <translation>Las impresoras de etiquetas imprimen a 152, 203, 300 o 600 ppp, no a %1.</translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="41"/>
        <source>Order %1 has no tracking number to print.</source>
        <translation>El pedido %1 no tiene número de seguimiento que imprimir.</translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="45"/>
        <source>A ZPL barcode takes 1 to 80 ASCII characters other than &quot;&gt;&quot;, not &quot;%1&quot;.</source>
        <translation>Un código de barras ZPL admite de 1 a 80 caracteres ASCII distintos de «&gt;», no «%1».</translation>
    </message>
    <message>
        <location filename="../src/io/zpllabel.cpp" line="217"/>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/ui/main.cpp" line="81"/>
        <source>Order and inventory management.</source>
        <translation>Gestión de pedidos e inventario.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="85"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db.</source>
        <translation>Base de datos: un archivo, sqlite:PATH o postgresql://user@host:port/db.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="90"/>
        <source>Language of the interface (en, de, fr, es); not saved.</source>
        <translation>Idioma de la interfaz (en, de, fr, es); no se guarda.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="94"/>
        <source>Render a view to a PNG file and exit.</source>
        <translation>Representar una vista en un archivo PNG y salir.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="97"/>
        <source>The view to open: %1.</source>
        <translation>La vista que se abrirá: %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="100"/>
        <source>Window size, e.g. 1400x900.</source>
        <translation>Tamaño de la ventana, p. ej., 1400x900.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="104"/>
        <source>With --screenshot: wait this long after the data arrived (live changes show up meanwhile).</source>
        <translation>Con --screenshot: esperar este tiempo después de recibir los datos (mientras tanto aparecen los cambios en directo).</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="110"/>
        <source>Start the inventory view with this search.</source>
        <translation>Abrir la vista Inventario con esta búsqueda.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="114"/>
        <source>Open this document in its view: SO-…, PO-…, TR-… or SC-….</source>
        <translation>Abrir este documento en su vista: SO-…, PO-…, TR-… o SC-….</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="118"/>
        <source>With --screenshot: sign in as this user with the password in $STOCKROOM_PASSWORD (a database without users needs none).</source>
        <translation>Con --screenshot: iniciar sesión como este usuario con la contraseña de $STOCKROOM_PASSWORD (una base de datos sin usuarios no la necesita).</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="124"/>
        <source>Open a dialog at start: connection; signin (the sign-in window); users; settings; help (the shortcuts); pack, ship, return, receive or track (the first order shown), import (a carrier file), import-orders (a shop&apos;s order export), sku-aliases, new-order; with --view receiving or transfers: new, receive (the first one that can be); with --view counts: start; with --view inventory: new-product, product (the editor of --product), import (products and stock from a file), locations; with --view orders or inventory: export; with --view channels: feed-settings (of the first channel); with --view dashboard: replenish.</source>
        <translation>Abrir un diálogo al iniciar: connection; signin (la ventana de inicio de sesión); users; settings; help (los atajos); pack, ship, return, receive o track (el primer pedido mostrado), import (un archivo de transportista), import-orders (la exportación de pedidos de una tienda), sku-aliases, new-order; con --view receiving o transfers: new, receive (el primero que se pueda); con --view counts: start; con --view inventory: new-product, product (el editor de --product), import (artículos y stock desde un archivo), locations; con --view orders o inventory: export; con --view channels: feed-settings (del primer canal); con --view dashboard: replenish.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="138"/>
        <source>Open this product (a SKU) in the inventory or forecast view; with --dialog new-order, the order&apos;s lines as SKU:QTY,SKU:QTY.</source>
        <translation>Abrir este artículo (un SKU) en la vista Inventario o Previsión; con --dialog new-order, las líneas del pedido como SKU:QTY,SKU:QTY.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="144"/>
        <source>With --view forecast: the tab to show: forecast, atp or whatif.</source>
        <translation>Con --view forecast: la pestaña que se mostrará: forecast, atp o whatif.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="148"/>
        <source>With --view forecast: the location (its code) instead of all.</source>
        <translation>Con --view forecast: la ubicación (su código) en lugar de todas.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="152"/>
        <source>Choose this product or stock file for the inventory view&apos;s import and preview it (with --dialog import, for screenshots); with --dialog import-orders, this order export for the orders view&apos;s.</source>
        <translation>Elegir este archivo de artículos o de stock para la importación de la vista Inventario y previsualizarlo (con --dialog import, para capturas de pantalla); con --dialog import-orders, esta exportación de pedidos para la de la vista Pedidos.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="164"/>
        <source>unknown view &quot;%1&quot;; use one of %2.</source>
        <translation>vista desconocida «%1»; use una de %2.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="172"/>
        <source>--size takes WIDTHxHEIGHT, e.g. 1400x900.</source>
        <translation>--size admite WIDTHxHEIGHT, p. ej., 1400x900.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="208"/>
        <source>cannot write the screenshot %1.</source>
        <translation>no se puede escribir la captura de pantalla %1.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="260"/>
        <location filename="../src/ui/main.cpp" line="360"/>
        <source>the interface failed to load.</source>
        <translation>no se ha podido cargar la interfaz.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="265"/>
        <source>the interface has no window.</source>
        <translation>la interfaz no tiene ventana.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="338"/>
        <source>--tab takes forecast, atp or whatif.</source>
        <translation>--tab admite forecast, atp o whatif.</translation>
    </message>
    <message>
        <location filename="../src/ui/main.cpp" line="386"/>
        <source>the data did not arrive within 30 s.</source>
        <translation>los datos no han llegado en 30 s.</translation>
    </message>
</context>
<context>
    <name>stockroomctl</name>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="35"/>
        <source>Backed up %1 to %2 (schema version %3).</source>
        <translation>Copia de seguridad de %1 guardada en %2 (versión del esquema %3).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="56"/>
        <source>Today&apos;s backup written: %1.</source>
        <translation>Copia de seguridad de hoy escrita: %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="57"/>
        <source>Today&apos;s backup was already there: %1.</source>
        <translation>La copia de seguridad de hoy ya existía: %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="60"/>
        <source>Deleted the old backup %1.</source>
        <translation>Se ha eliminado la copia de seguridad antigua %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="69"/>
        <source>backup takes either --out FILE or --daily.</source>
        <translation>backup admite --out FILE o bien --daily.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="72"/>
        <source>Making a backup</source>
        <translation>Hacer una copia de seguridad</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="80"/>
        <source>restore needs --from FILE: a backup that stockroomctl backup wrote.</source>
        <translation>restore necesita --from FILE: una copia de seguridad escrita por stockroomctl backup.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="88"/>
        <source>The database was not changed.</source>
        <translation>La base de datos no se ha modificado.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="99"/>
        <source>%1 is a Stockroom backup (schema version %2, %3 products, %4 orders). Restoring it replaces everything in %5 (a copy of it as it is now is kept first). Nothing was changed: run again with --yes to restore.</source>
        <translation>%1 es una copia de seguridad de Stockroom (versión del esquema %2, %3 artículos, %4 pedidos). Restaurarla sustituye todo el contenido de %5 (antes se guarda una copia de su estado actual). No se ha cambiado nada: vuelva a ejecutar con --yes para restaurar.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="111"/>
        <source>Restoring a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="117"/>
        <source>restored from %1 (before: %2)</source>
        <translation>restaurado desde %1 (antes: %2)</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="129"/>
        <source>Restored %1 from %2 (%3 products, %4 orders).</source>
        <translation>%1 restaurado desde %2 (%3 artículos, %4 pedidos).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="135"/>
        <source>The backup had schema version %1 and was brought up to version %2.</source>
        <translation>La copia de seguridad tenía la versión del esquema %1 y se ha actualizado a la versión %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="140"/>
        <source>The database as it was before is in %1: restore that file to undo.</source>
        <translation>La base de datos tal como estaba antes está en %1: restaure ese archivo para deshacer el cambio.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="152"/>
        <source>Back up the SQLite database while it is in use: --out FILE, or --daily with rotation.</source>
        <translation>Hacer una copia de seguridad de la base de datos SQLite mientras está en uso: --out FILE, o --daily con rotación.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="154"/>
        <source>Write a backup to this file.</source>
        <translation>Escribir una copia de seguridad en este archivo.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="157"/>
        <source>Write today&apos;s stockroom-YYYY-MM-DD.db unless it exists, then delete the oldest beyond --keep (for cron).</source>
        <translation>Escribir el stockroom-YYYY-MM-DD.db de hoy si no existe y, después, eliminar los más antiguos que superen --keep (para cron).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="160"/>
        <source>With --daily: daily backups to keep (default 7).</source>
        <translation>Con --daily: copias de seguridad diarias que se conservan (7 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="162"/>
        <source>With --daily: the folder (default: backups beside the database).</source>
        <translation>Con --daily: la carpeta (por defecto: backups junto a la base de datos).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="167"/>
        <source>Replace the SQLite database by a backup; keeps a copy of it first (--yes to confirm).</source>
        <translation>Sustituir la base de datos SQLite por una copia de seguridad; antes guarda una copia de ella (--yes para confirmar).</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="169"/>
        <source>The backup to restore.</source>
        <translation>La copia de seguridad que se restaurará.</translation>
    </message>
    <message>
        <location filename="../src/cli/backupcommands.cpp" line="170"/>
        <source>Restore (without it: check the file only).</source>
        <translation>Restaurar (sin esta opción: solo comprobar el archivo).</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="43"/>
        <location filename="../src/cli/commands.cpp" line="694"/>
        <location filename="../src/cli/commands.cpp" line="900"/>
        <source>stockroomctl: %1</source>
        <translation>stockroomctl: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="54"/>
        <source>stockroomctl: warning: %1</source>
        <translation>stockroomctl: aviso: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="63"/>
        <source>%1 does not take --%2.</source>
        <translation>%1 no admite --%2.</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="90"/>
        <source>--%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 debe ser un número entero entre %2 y %3, no «%4».</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="114"/>
        <source>--%1 takes an amount like 12.50 (a dot, at most two decimals), not &quot;%2&quot;.</source>
        <translation>--%1 admite un importe como 12.50 (con punto, como máximo dos decimales), no «%2».</translation>
    </message>
    <message>
        <location filename="../src/cli/clisupport.cpp" line="137"/>
        <source>--%1 takes %2, not &quot;%3&quot;.</source>
        <translation>--%1 admite %2, no «%3».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="60"/>
        <source>%1 at %2: %3 on hand, %4 reserved, %5 available.</source>
        <translation>%1 en %2: %3 en existencia, %4 reservados, %5 disponibles.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="75"/>
        <source>--weight takes kilograms like 0.9 or 12.345 (a dot, at most three decimals), not &quot;%1&quot;.</source>
        <translation>--weight admite kilogramos como 0.9 o 12.345 (con punto, como máximo tres decimales), no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="109"/>
        <source>Database %1 is ready (schema version %2).</source>
        <translation>La base de datos %1 está lista (versión del esquema %2).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="124"/>
        <source>--seed must be a whole number.</source>
        <translation>--seed debe ser un número entero.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="137"/>
        <source>--end-date must be a date like 2026-11-26.</source>
        <translation>--end-date debe ser una fecha como 2026-11-26.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="149"/>
        <source><byte value="xd"/>demo: day %1 of %2</source>
        <translation>&lt;byte value=&quot;xd&quot;/&gt;demo: día %1 de %2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="161"/>
        <source><byte value="xd"/>demo: %1 of %2 archived orders</source>
        <translation>&lt;byte value=&quot;xd&quot;/&gt;demo: %1 de %2 pedidos archivados</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="188"/>
        <source>Demo data: %1 products at %2 locations, %3 orders (%4 lines; %5 shipped, %6 backordered at placement, %7 cancelled), %8 receipts in %9 s.</source>
        <translation>Datos de demostración: %1 artículos en %2 ubicaciones, %3 pedidos (%4 líneas; %5 enviados, %6 pendientes de stock al realizarse, %7 cancelados), %8 recepciones en %9 s.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="202"/>
        <source>Archived orders before them: %1.</source>
        <translation>Pedidos archivados anteriores: %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="213"/>
        <source>receive needs --sku, --location and --qty.</source>
        <translation>receive necesita --sku, --location y --qty.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="227"/>
        <source>adjust needs --sku, --location, --delta and --reason.</source>
        <translation>adjust necesita --sku, --location, --delta y --reason.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="241"/>
        <source>place-order needs at least one --line SKU:QTY.</source>
        <translation>place-order necesita al menos una --line SKU:QTY.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="248"/>
        <source>--line takes SKU:QTY, not &quot;%1&quot;.</source>
        <translation>--line admite SKU:QTY, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="316"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="321"/>
        <source>%1 from %2</source>
        <translation>%1 desde %2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="324"/>
        <source>%1 backordered</source>
        <translation>%1 pendientes de stock</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="340"/>
        <source>cancel-order takes one order number.</source>
        <translation>cancel-order admite un número de pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="349"/>
        <location filename="../src/cli/commands.cpp" line="386"/>
        <location filename="../src/cli/commands.cpp" line="736"/>
        <location filename="../src/cli/commands.cpp" line="747"/>
        <source>%1 is %2.</source>
        <translation>%1 tiene el estado %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="358"/>
        <source>ship-order takes one order number.</source>
        <translation>ship-order admite un número de pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="388"/>
        <source>  shipment %1 from %2: %3 units</source>
        <translation>  envío %1 desde %2: %3 unidades</translation>
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
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="427"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1289"/>
        <source>On hand</source>
        <translation>Existencias</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="428"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1290"/>
        <source>Reserved</source>
        <translation>Reservado</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="429"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="430"/>
        <source>On order</source>
        <translation>En pedido</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="431"/>
        <source>In transit</source>
        <translation>En tránsito</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="456"/>
        <source>All invariants hold.</source>
        <translation>Se cumplen todas las invariantes.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="470"/>
        <location filename="../src/cli/commands.cpp" line="532"/>
        <source>There is no order %1.</source>
        <translation>No existe el pedido %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="476"/>
        <source>Order %1 has not shipped yet: ship it first.</source>
        <translation>El pedido %1 todavía no se ha enviado: envíelo primero.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="487"/>
        <source>label takes one order number and --out FILE.pdf, --zpl FILE.zpl or both.</source>
        <translation>label admite un número de pedido y --out FILE.pdf, --zpl FILE.zpl o ambos.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="513"/>
        <source>Label for %1 written to %2.</source>
        <translation>Etiqueta de %1 escrita en %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="516"/>
        <source>ZPL label for %1 (%2 dpi) written to %3.</source>
        <translation>Etiqueta ZPL de %1 (%2 ppp) escrita en %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="527"/>
        <source>packing-slip takes one order number and --out FILE.pdf.</source>
        <translation>packing-slip admite un número de pedido y --out FILE.pdf.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="557"/>
        <source>Packing slip for %1 written to %2.</source>
        <translation>Albarán de %1 escrito en %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="572"/>
        <source>--after takes a change sequence number.</source>
        <translation>--after admite un número de secuencia de cambios.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="603"/>
        <source>stockroomctl: watch: %1 (retrying)</source>
        <translation>stockroomctl: watch: %1 (reintentando)</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="622"/>
        <source>Removed %1 change log rows older than %2 days.</source>
        <translation>Se han eliminado %1 filas del registro de cambios con más de %2 días.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="633"/>
        <source>pay takes one order number.</source>
        <translation>pay admite un número de pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="639"/>
        <source>pay takes one of --authorize, --void and --refund.</source>
        <translation>pay admite solo una de --authorize, --void y --refund.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="642"/>
        <source>--amount is what is paid; a refund takes its amount as --refund AMOUNT.</source>
        <translation>--amount es lo que se paga; un reembolso indica su importe como --refund AMOUNT.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="645"/>
        <source>--note goes with --refund.</source>
        <translation>--note solo se usa con --refund.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="674"/>
        <location filename="../src/cli/commands.cpp" line="1150"/>
        <source>%1: payment %2 (%3 paid, %4 refunded, total %5).</source>
        <translation>%1: pago %2 (%3 pagado, %4 reembolsado, total %5).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="718"/>
        <source>hold takes one or more order numbers and --reason TEXT.</source>
        <translation>hold admite uno o varios números de pedido y --reason TEXT.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="724"/>
        <source>%1 is on hold: %2.</source>
        <translation>%1 está en espera: %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="731"/>
        <source>unhold takes one or more order numbers.</source>
        <translation>unhold admite uno o varios números de pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="742"/>
        <source>release takes one or more order numbers.</source>
        <translation>release admite uno o varios números de pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="757"/>
        <source>pick-list takes --location CODE and --out FILE.pdf.</source>
        <translation>pick-list admite --location CODE y --out FILE.pdf.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="767"/>
        <source>--paper takes a4 or letter, not &quot;%1&quot;.</source>
        <translation>--paper admite a4 o letter, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="787"/>
        <source>Pick list for %1 written to %2 (lines: %3, units: %4, orders: %5).</source>
        <translation>Lista de preparación de %1 escrita en %2 (líneas: %3, unidades: %4, pedidos: %5).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="800"/>
        <source>pack takes one order number and --scan BARCODE (repeat for more).</source>
        <translation>pack admite un número de pedido y --scan BARCODE (repítalo para más).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="830"/>
        <source>%1 is %2: all %3 units packed.</source>
        <translation>%1 tiene el estado %2: las %3 unidades están embaladas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="833"/>
        <source>%1 is %2: %3 of %4 units packed.</source>
        <translation>%1 tiene el estado %2: %3 de %4 unidades embaladas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="842"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="867"/>
        <source>track validate takes one tracking number.</source>
        <translation>track validate admite un número de seguimiento.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="883"/>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="891"/>
        <source>%1: no known carrier&apos;s format</source>
        <translation>%1: no coincide con el formato de ningún transportista conocido</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="894"/>
        <source>%1 has no format we know; check it with the carrier.</source>
        <translation>%1 no tiene un formato conocido; compruébelo con el transportista.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="907"/>
        <source>track add takes one tracking number and --status STATUS.</source>
        <translation>track add admite un número de seguimiento y --status STATUS.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="925"/>
        <source>%1: this event is recorded already; %2 is %3.</source>
        <translation>%1: este evento ya está registrado; %2 tiene el estado %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="929"/>
        <source>%1 is %2; %3 is %4.</source>
        <translation>%1 tiene el estado %2; %3 tiene el estado %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="940"/>
        <source>track import takes one CSV file.</source>
        <translation>track import admite un archivo CSV.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="965"/>
        <source>no shipment has tracking number &quot;%1&quot;.</source>
        <translation>ningún envío tiene el número de seguimiento «%1».</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/commands.cpp" line="983"/>
        <location filename="../src/cli/inventorycommands.cpp" line="265"/>
        <source>%1: %n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%1: %n problema; no se ha importado nada.</numerusform>
            <numerusform>%1: %n problemas; no se ha importado nada.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="996"/>
        <source>%1: events %2, added %3, duplicates %4, state kept %5 (older or out of sequence), orders delivered %6.</source>
        <translation>%1: eventos %2, añadidos %3, duplicados %4, estado conservado %5 (anteriores o fuera de secuencia), pedidos entregados %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1022"/>
        <source>track takes add NUMBER --status S, import FILE or validate NUMBER.</source>
        <translation>track admite add NUMBER --status S, import FILE o validate NUMBER.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1049"/>
        <source>%1 for %2 is %3.</source>
        <translation>%1 de %2 tiene el estado %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1052"/>
        <source>Reason: %1.</source>
        <translation>Motivo: %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1056"/>
        <source>  %1 × %2: %3 restocked, %4 written off, %5 open</source>
        <translation>  %1 × %2: %3 repuestos en stock, %4 dados de baja, %5 abiertos</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1065"/>
        <source>  %1 restocked units went to waiting backorders.</source>
        <translation>  %1 unidades repuestas en stock se asignaron a pedidos pendientes que esperaban.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1074"/>
        <source>return create takes one order number and --line SKU:QTY (repeat for more).</source>
        <translation>return create admite un número de pedido y --line SKU:QTY (repítalo para más).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1097"/>
        <source>return receive takes one return number and --restock SKU:QTY@LOCATION or --writeoff SKU:QTY:REASON (repeat for more).</source>
        <translation>return receive admite un número de devolución y --restock SKU:QTY@LOCATION o --writeoff SKU:QTY:REASON (repítalo para más).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1105"/>
        <source>--restock takes SKU:QTY@LOCATION, not &quot;%1&quot;.</source>
        <translation>--restock admite SKU:QTY@LOCATION, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1117"/>
        <source>--writeoff takes SKU:QTY:REASON (%1), not &quot;%2&quot;.</source>
        <translation>--writeoff admite SKU:QTY:REASON (%1), no «%2».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1135"/>
        <source>return refund takes one return number.</source>
        <translation>return refund admite un número de devolución.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1175"/>
        <source>return cancel takes one return number.</source>
        <translation>return cancel admite un número de devolución.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1184"/>
        <source>return show takes one return number.</source>
        <translation>return show admite un número de devolución.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1191"/>
        <source>return takes create ORDER, receive RMA, refund RMA, cancel RMA or show RMA.</source>
        <translation>return admite create ORDER, receive RMA, refund RMA, cancel RMA o show RMA.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1286"/>
        <source>%1 is %2; payment %3 (%4 paid, %5 refunded, total %6).</source>
        <translation>%1 tiene el estado %2; pago %3 (%4 pagado, %5 reembolsado, total %6).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1290"/>
        <source>Channel %1%2; customer %3; region %4.</source>
        <translation>Canal de venta %1%2; cliente %3; región %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1293"/>
        <location filename="../src/cli/commands.cpp" line="1294"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1296"/>
        <source>Placed %1; version %2, last changed by %3 at %4.</source>
        <translation>Realizado %1; versión %2, último cambio de %3 el %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1302"/>
        <source>On hold: %1.</source>
        <translation>En espera: %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1305"/>
        <source>Routing: %1</source>
        <translation>Asignación: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1308"/>
        <source>Rules: %1; ships from %2.</source>
        <translation>Reglas: %1; se envía desde %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1309"/>
        <location filename="../src/cli/commands.cpp" line="1433"/>
        <source>pays later</source>
        <translation>paga más tarde</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1309"/>
        <location filename="../src/cli/commands.cpp" line="1433"/>
        <source>pays first</source>
        <translation>paga primero</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1310"/>
        <location filename="../src/cli/commands.cpp" line="1434"/>
        <source>any location</source>
        <translation>cualquier ubicación</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1314"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1318"/>
        <source>  %1. %2 × %3 %4 at %5: %6 shipped, %7 backordered, %8 cancelled, %9 returned</source>
        <translation>  %1. %2 × %3 %4 en %5: %6 enviados, %7 pendientes de stock, %8 cancelados, %9 devueltos</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1329"/>
        <source>Allocations</source>
        <translation>Asignaciones</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1331"/>
        <source>  %1 × %2 at %3, %4 packed</source>
        <translation>  %1 × %2 en %3, %4 embalados</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1339"/>
        <source>Shipments</source>
        <translation>Envíos</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1344"/>
        <source>  %1 from %2: %3 units, %4%5</source>
        <translation>  %1 desde %2: %3 unidades, %4%5</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1363"/>
        <source>Returns</source>
        <translation>Devoluciones</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1372"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1383"/>
        <source>order takes one order number.</source>
        <translation>order admite un número de pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1409"/>
        <source>--pay-later takes yes or no, not &quot;%1&quot;.</source>
        <translation>--pay-later admite yes o no, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1442"/>
        <source>channel takes one channel name.</source>
        <translation>channel admite un nombre de canal de venta.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1451"/>
        <source>There is no channel &quot;%1&quot;.</source>
        <translation>No existe el canal de venta «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1456"/>
        <source>Channel %1: %2; ships from %3.</source>
        <translation>Canal de venta %1: %2; se envía desde %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1463"/>
        <source>customer takes one customer name.</source>
        <translation>customer admite un nombre de cliente.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1477"/>
        <source>There is no customer &quot;%1&quot;.</source>
        <translation>No existe el cliente «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1484"/>
        <source>Customer %1: %2; ships from %3.</source>
        <translation>Cliente %1: %2; se envía desde %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1494"/>
        <source>bin takes --sku SKU, --location CODE and --bin CODE (empty to clear).</source>
        <translation>bin admite --sku SKU, --location CODE y --bin CODE (vacío para borrarlo).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1504"/>
        <source>%1 at %2 has no bin now.</source>
        <translation>%1 en %2 ya no tiene hueco.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1506"/>
        <source>%1 at %2 is in bin %3.</source>
        <translation>%1 en %2 está en el hueco %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1516"/>
        <source>Create or upgrade the database schema.</source>
        <translation>Crear o actualizar el esquema de la base de datos.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1517"/>
        <source>Fill an empty database with deterministic demo data.</source>
        <translation>Rellenar una base de datos vacía con datos de demostración deterministas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1519"/>
        <source>Random seed (default 42).</source>
        <translation>Semilla aleatoria (42 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1520"/>
        <source>Number of products (default 40).</source>
        <translation>Número de artículos (40 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1522"/>
        <source>Number of locations (default 3).</source>
        <translation>Número de ubicaciones (3 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1524"/>
        <source>Days of order history (default 730).</source>
        <translation>Días de historial de pedidos (730 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1526"/>
        <source>Last day of the history (default yesterday).</source>
        <translation>Último día del historial (por defecto, ayer).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1529"/>
        <source>Also add N archived (delivered) orders before the history, e.g. 1000000.</source>
        <translation>Añadir también N pedidos archivados (entregados) anteriores al historial, p. ej., 1000000.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1533"/>
        <source>Book a receipt of stock.</source>
        <translation>Registrar una recepción de stock.</translation>
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
        <translation>SKU del artículo.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1536"/>
        <location filename="../src/cli/commands.cpp" line="1544"/>
        <location filename="../src/cli/commands.cpp" line="1615"/>
        <location filename="../src/cli/commands.cpp" line="1690"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1404"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1419"/>
        <source>Location code.</source>
        <translation>Código de la ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1537"/>
        <source>Units received.</source>
        <translation>Unidades recibidas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1538"/>
        <source>Free text for the ledger.</source>
        <translation>Texto libre para el libro de existencias.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1541"/>
        <source>Correct stock on hand, with a reason.</source>
        <translation>Corregir las existencias, indicando un motivo.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1545"/>
        <source>Units to add (positive) or take off (negative).</source>
        <translation>Unidades que se suman (positivo) o se restan (negativo).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1547"/>
        <source>Why (kept in the ledger).</source>
        <translation>Motivo (se guarda en el libro de existencias).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1551"/>
        <source>Place an order: reserve, route, backorder.</source>
        <translation>Realizar un pedido: reservar, asignar, dejar pendiente.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1553"/>
        <source>An order line; repeat for more lines.</source>
        <translation>Una línea de pedido; repítala para más líneas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1555"/>
        <source>Sales channel (default manual).</source>
        <translation>Canal de venta (manual por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1557"/>
        <source>The channel&apos;s order id (imports once only).</source>
        <translation>El id. del pedido en el canal de venta (solo se importa una vez).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1559"/>
        <source>Customer name.</source>
        <translation>Nombre del cliente.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1561"/>
        <source>Ship-to postcode: among locations of equal priority, the nearest ships.</source>
        <translation>Código postal de entrega: entre ubicaciones de igual prioridad, envía la más cercana.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1563"/>
        <source>The customer&apos;s e-mail address (new customers).</source>
        <translation>La dirección de correo electrónico del cliente (clientes nuevos).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1565"/>
        <source>Ship-to region, breaks ties between locations.</source>
        <translation>Región de entrega; desempata entre ubicaciones.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1567"/>
        <source>Payment state (default pending).</source>
        <translation>Estado del pago (pending por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1571"/>
        <source>Cancel an open order and release its stock.</source>
        <translation>Cancelar un pedido abierto y liberar su stock.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1574"/>
        <location filename="../src/cli/commands.cpp" line="1585"/>
        <location filename="../src/cli/commands.cpp" line="1599"/>
        <source>Refuse if the order is no longer at this version.</source>
        <translation>Rechazar si el pedido ya no está en esta versión.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1577"/>
        <source>Ship what is allocated to an order.</source>
        <translation>Enviar lo asignado a un pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1579"/>
        <source>Carrier.</source>
        <translation>Transportista.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1580"/>
        <source>Carrier service.</source>
        <translation>Servicio del transportista.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1581"/>
        <source>Tracking number.</source>
        <translation>Número de seguimiento.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1582"/>
        <source>Parcel weight in kilograms (e.g. 0.9).</source>
        <translation>Peso del paquete en kilogramos (p. ej., 0.9).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1588"/>
        <source>Take the payment of an order, or authorize, void or refund it.</source>
        <translation>Cobrar el pago de un pedido, o autorizarlo, anularlo o reembolsarlo.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1591"/>
        <source>The amount paid, e.g. 12.50 (default: the total).</source>
        <translation>El importe pagado, p. ej., 12.50 (por defecto: el total).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1592"/>
        <source>Only authorize the payment.</source>
        <translation>Solo autorizar el pago.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1593"/>
        <source>Void a pending or authorized payment.</source>
        <translation>Anular un pago pendiente o autorizado.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1594"/>
        <source>Refund this amount of a paid order.</source>
        <translation>Reembolsar este importe de un pedido pagado.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1596"/>
        <source>Why (kept in the order&apos;s history; with --refund).</source>
        <translation>Motivo (se guarda en el historial del pedido; con --refund).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1602"/>
        <source>Put orders on hold, keeping their reservations.</source>
        <translation>Poner pedidos en espera, conservando sus reservas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1604"/>
        <source>Why (e.g. &quot;address check&quot;).</source>
        <translation>Motivo (p. ej., «comprobación de dirección»).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1608"/>
        <source>Take orders off hold.</source>
        <translation>Quitar pedidos de la espera.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1610"/>
        <source>Release paid (or pay-later) orders for picking.</source>
        <translation>Liberar pedidos pagados (o de pago posterior) para su preparación.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1613"/>
        <source>Write the pick list of a location as PDF.</source>
        <translation>Escribir la lista de preparación de una ubicación en PDF.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1616"/>
        <location filename="../src/cli/commands.cpp" line="1709"/>
        <location filename="../src/cli/commands.cpp" line="1719"/>
        <source>The PDF file to write.</source>
        <translation>El archivo PDF que se escribirá.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1617"/>
        <source>a4 or letter (default: by locale).</source>
        <translation>a4 o letter (por defecto: según la configuración regional).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1622"/>
        <source>Pack an order by scanning its items (without --scan: the progress).</source>
        <translation>Embalar un pedido escaneando sus artículos (sin --scan: el progreso).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1624"/>
        <source>A scanned SKU or GTIN; repeat for more.</source>
        <translation>Un SKU o GTIN escaneado; repítalo para más.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1629"/>
        <source>Show an order in full: lines, allocations, shipments, returns, history.</source>
        <translation>Mostrar un pedido completo: líneas, asignaciones, envíos, devoluciones, historial.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1634"/>
        <source>Tracking: add NUMBER --status S, import FILE.csv, validate NUMBER.</source>
        <translation>Seguimiento: add NUMBER --status S, import FILE.csv, validate NUMBER.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1636"/>
        <source>add: the parcel&apos;s state or the carrier&apos;s words.</source>
        <translation>add: el estado del paquete o el texto del transportista.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1639"/>
        <source>add: when (ISO 8601; UTC without an offset; default now).</source>
        <translation>add: cuándo (ISO 8601; UTC si no hay desfase horario; por defecto, ahora).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1641"/>
        <source>add: where.</source>
        <translation>add: dónde.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1642"/>
        <source>add: the carrier&apos;s description.</source>
        <translation>add: la descripción del transportista.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1650"/>
        <source>Returns: create ORDER, receive RMA, refund RMA, show RMA.</source>
        <translation>Devoluciones: create ORDER, receive RMA, refund RMA, show RMA.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1652"/>
        <source>create: a returned line; repeat for more.</source>
        <translation>create: una línea devuelta; repítala para más.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1654"/>
        <source>create: why the customer sends it back.</source>
        <translation>create: por qué la devuelve el cliente.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1657"/>
        <source>receive: units back on a shelf; repeat for more.</source>
        <translation>receive: unidades que vuelven a la estantería; repítalo para más.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1660"/>
        <source>receive: units written off (damaged, expired, lost); repeat for more.</source>
        <translation>receive: unidades dadas de baja (damaged, expired, lost); repítalo para más.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1663"/>
        <source>refund: the amount (default: the lines at the prices paid).</source>
        <translation>refund: el importe (por defecto: las líneas a los precios pagados).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1668"/>
        <source>Show or set a sales channel&apos;s rules; set NAME or list: its stock feed&apos;s settings.</source>
        <translation>Mostrar o establecer las reglas de un canal de venta; set NAME o list: los ajustes de su feed de stock.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1670"/>
        <source>Whether its orders may ship before payment.</source>
        <translation>Si sus pedidos se pueden enviar antes del pago.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1673"/>
        <source>The only locations it ships from, comma-separated (&quot;&quot; for any).</source>
        <translation>Las únicas ubicaciones desde las que envía, separadas por comas (&quot;&quot; para cualquiera).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1678"/>
        <source>Show or set a customer&apos;s rules (pay later, ships only from).</source>
        <translation>Mostrar o establecer las reglas de un cliente (paga más tarde, solo se envía desde).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1680"/>
        <source>Whether their orders may ship before payment.</source>
        <translation>Si sus pedidos se pueden enviar antes del pago.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1683"/>
        <source>The only locations their orders ship from, comma-separated (&quot;&quot; for any).</source>
        <translation>Las únicas ubicaciones desde las que se envían sus pedidos, separadas por comas (&quot;&quot; para cualquiera).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1687"/>
        <source>Set the bin a product is picked from at a location.</source>
        <translation>Establecer el hueco del que se prepara un artículo en una ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1691"/>
        <source>The bin, e.g. A-03 (empty to clear).</source>
        <translation>El hueco, p. ej., A-03 (vacío para borrarlo).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1695"/>
        <source>Show on hand, reserved and available per product and location.</source>
        <translation>Mostrar existencias, reservado y disponible por artículo y ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1697"/>
        <source>Only this SKU.</source>
        <translation>Solo este SKU.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1698"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1503"/>
        <source>Only this location.</source>
        <translation>Solo esta ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1699"/>
        <source>Print CSV.</source>
        <translation>Imprimir en CSV.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1703"/>
        <source>Verify every invariant of the ledger; exit 0 only when all hold.</source>
        <translation>Verificar todas las invariantes del libro de existencias; salir con 0 solo si se cumplen todas.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1707"/>
        <source>Write the 4×6 inch shipping label of a shipped order as PDF and/or ZPL.</source>
        <translation>Escribir la etiqueta de envío de 4×6 pulgadas de un pedido enviado en PDF y/o ZPL.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1710"/>
        <source>The ZPL file to write (thermal label printers).</source>
        <translation>El archivo ZPL que se escribirá (impresoras térmicas de etiquetas).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1712"/>
        <source>The label printer&apos;s resolution (default 203).</source>
        <translation>La resolución de la impresora de etiquetas (203 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1717"/>
        <source>Write the packing slip of an order as PDF (A4 or Letter by locale).</source>
        <translation>Escribir el albarán de un pedido en PDF (A4 o Letter según la configuración regional).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1722"/>
        <source>Print every committed change as one JSON line as it arrives.</source>
        <translation>Imprimir cada cambio confirmado como una línea JSON en cuanto llega.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1724"/>
        <source>Exit after N changes.</source>
        <translation>Salir tras N cambios.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1725"/>
        <source>Start after this change number (default: now).</source>
        <translation>Empezar después de este número de cambio (por defecto: ahora).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1728"/>
        <source>SQLite: how often to look for commits (default 25).</source>
        <translation>SQLite: con qué frecuencia buscar confirmaciones (25 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1732"/>
        <source>Delete old change log rows (desktops that were away longer reload).</source>
        <translation>Eliminar filas antiguas del registro de cambios (los equipos que hayan estado ausentes más tiempo vuelven a cargar).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1734"/>
        <source>Keep this many days (default 30).</source>
        <translation>Conservar este número de días (30 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1752"/>
        <source>Usage: stockroomctl [--db CONN] COMMAND [options]

Commands:
</source>
        <translation>Uso: stockroomctl [--db CONN] COMMAND [opciones]

Comandos:
</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1757"/>
        <source>Same as %1.</source>
        <translation>Igual que %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1760"/>
        <source>
CONN: a file path, sqlite:PATH or postgresql://user[:password]@host[:port]/dbname.
Exit codes: 0 done, 1 refused, 2 usage error, 3 database error.
</source>
        <translation>
CONN: una ruta de archivo, sqlite:PATH o postgresql://user[:password]@host[:port]/dbname.
Códigos de salida: 0 hecho, 1 rechazado, 2 error de uso, 3 error de base de datos.
</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1793"/>
        <source>stockroomctl: unknown command &quot;%1&quot;.</source>
        <translation>stockroomctl: comando desconocido «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1803"/>
        <source>Database: a file, sqlite:PATH or postgresql://user@host:port/db (default: stockroom.db in the data folder; or $STOCKROOM_DB).</source>
        <translation>Base de datos: un archivo, sqlite:PATH o postgresql://user@host:port/db (por defecto: stockroom.db en la carpeta de datos; o $STOCKROOM_DB).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1806"/>
        <source>Print the result as JSON.</source>
        <translation>Imprimir el resultado en JSON.</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1809"/>
        <source>Sign in as this user (default: $STOCKROOM_USER; on a database without users, who is acting, default $USER).</source>
        <translation>Iniciar sesión como este usuario (por defecto: $STOCKROOM_USER; en una base de datos sin usuarios, quién actúa, por defecto $USER).</translation>
    </message>
    <message>
        <location filename="../src/cli/commands.cpp" line="1813"/>
        <source>Read the password from the first line of this file (else $STOCKROOM_PASSWORD, or a prompt on a terminal).</source>
        <translation>Leer la contraseña de la primera línea de este archivo (si no, de $STOCKROOM_PASSWORD o se pide en el terminal).</translation>
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
        <translation>export admite orders, stock, ledger o products, y --out FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="56"/>
        <source>export needs --out FILE (- for standard output).</source>
        <translation>export necesita --out FILE (- para la salida estándar).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="62"/>
        <source>--since goes with export orders and export ledger; %1 are exported as they are now.</source>
        <translation>--since solo se usa con export orders y export ledger; %1 se exporta tal como está ahora.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="68"/>
        <source>--since: %1</source>
        <translation>--since: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="75"/>
        <source>--json goes with --out FILE: with --out - the CSV is the output.</source>
        <translation>--json se usa con --out FILE: con --out - la salida es el CSV.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="81"/>
        <source>Cannot write to standard output: %1</source>
        <translation>No se puede escribir en la salida estándar: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/exportcommands.cpp" line="96"/>
        <source>Exported %1: %n row(s) to %2.</source>
        <translation>
            <numerusform>%1 exportado: %n fila en %2.</numerusform>
            <numerusform>%1 exportado: %n filas en %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="112"/>
        <source>--%1 takes csv or shopify-inventory, not &quot;%2&quot;.</source>
        <translation>--%1 admite csv o shopify-inventory, no «%2».</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="150"/>
        <source>Last</source>
        <translation>Último</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="151"/>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="156"/>
        <source>(total)</source>
        <translation>(total)</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="163"/>
        <source>no feed was written yet</source>
        <translation>todavía no se ha escrito ningún feed</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="164"/>
        <source>since the last feed (%1 by %2)</source>
        <translation>desde el último feed (%1 por %2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/exportcommands.cpp" line="165"/>
        <source>Feed of %1 (%2): %n number(s) of %3 SKU(s) would change, %4. Dry run: nothing was written.</source>
        <translation>
            <numerusform>Feed de %1 (%2): cambiaría %n cifra de %3 SKU, %4. Simulación: no se ha escrito nada.</numerusform>
            <numerusform>Feed de %1 (%2): cambiarían %n cifras de %3 SKU, %4. Simulación: no se ha escrito nada.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="178"/>
        <source>feed takes --channel C and --out FILE (or --dry-run), no other arguments.</source>
        <translation>feed admite --channel C y --out FILE (o --dry-run), ningún otro argumento.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="182"/>
        <source>feed needs --channel C.</source>
        <translation>feed necesita --channel C.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="190"/>
        <source>feed needs --out FILE (or --dry-run to see what would change).</source>
        <translation>feed necesita --out FILE (o --dry-run para ver qué cambiaría).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="193"/>
        <source>feed writes a file, which it replaces only once the feed is complete and recorded: give --out FILE, not -.</source>
        <translation>feed escribe un archivo, que solo sustituye cuando el feed está completo y registrado: indique --out FILE, no -.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="208"/>
        <source>Feed of %1 (%2) written to %3: %4 rows, %5 SKUs; %6 numbers of %7 SKUs changed since the last feed.</source>
        <translation>Feed de %1 (%2) escrito en %3: %4 filas, %5 SKU; %6 cifras de %7 SKU cambiadas desde el último feed.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="230"/>
        <source>--%1 takes a whole number, not &quot;%2&quot;.</source>
        <translation>--%1 admite un número entero, no «%2».</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="252"/>
        <source>every active location</source>
        <translation>todas las ubicaciones activas</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="259"/>
        <source>channel set takes one channel name.</source>
        <translation>channel set admite un nombre de canal de venta.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="263"/>
        <source>--%1 goes with channel NAME (its fulfilment rules), not with channel set.</source>
        <translation>--%1 se usa con channel NAME (sus reglas de preparación y envío), no con channel set.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="281"/>
        <source>Channel %1: feed as %2 from %3, holding back %4 units and %5 %.</source>
        <translation>Canal de venta %1: feed como %2 desde %3, reteniendo %4 unidades y el %5 %.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="292"/>
        <source>channel list takes no other arguments.</source>
        <translation>channel list no admite más argumentos.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="296"/>
        <source>channel list does not take --%1.</source>
        <translation>channel list no admite --%1.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="311"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="312"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="313"/>
        <source>Buffer</source>
        <translation>Margen</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="314"/>
        <source>Locations</source>
        <translation>Ubicaciones</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="315"/>
        <source>Last feed</source>
        <translation>Último feed</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="316"/>
        <source>Changed SKUs</source>
        <translation>SKU cambiados</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="325"/>
        <source>all active</source>
        <translation>todas las activas</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="329"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="330"/>
        <location filename="../src/cli/inventorycommands.cpp" line="751"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1005"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1007"/>
        <source>%1 by %2</source>
        <translation>%1 por %2</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="342"/>
        <source>set: units the feed holds back of every number.</source>
        <translation>set: unidades que el feed retiene de cada cifra.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="345"/>
        <source>set: percent (rounded up) the feed holds back of every number.</source>
        <translation>set: porcentaje (redondeado al alza) que el feed retiene de cada cifra.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="348"/>
        <source>set: the locations the feed reports, comma-separated (&quot;&quot; for every active one).</source>
        <translation>set: las ubicaciones que comunica el feed, separadas por comas (&quot;&quot; para todas las activas).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="350"/>
        <source>set: csv or shopify-inventory.</source>
        <translation>set: csv o shopify-inventory.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="364"/>
        <source>--%1 goes with channel set NAME.</source>
        <translation>--%1 se usa con channel set NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="373"/>
        <source>Write orders, stock, ledger or products as CSV: export KIND --out FILE.</source>
        <translation>Escribir pedidos, stock, libro de existencias o artículos en CSV: export KIND --out FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="375"/>
        <source>The CSV file to write (- for standard output).</source>
        <translation>El archivo CSV que se escribirá (- para la salida estándar).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="378"/>
        <source>orders: placed or updated since; ledger: movements since (UTC).</source>
        <translation>orders: realizados o actualizados desde; ledger: movimientos desde (UTC).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="383"/>
        <source>Write a channel&apos;s stock feed (available to sell) in the platform&apos;s format.</source>
        <translation>Escribir el feed de stock de un canal de venta (disponible para vender) en el formato de la plataforma.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="385"/>
        <source>The sales channel.</source>
        <translation>El canal de venta.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="387"/>
        <source>csv or shopify-inventory (default: the channel&apos;s).</source>
        <translation>csv o shopify-inventory (por defecto: el del canal de venta).</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="389"/>
        <source>The file to write.</source>
        <translation>El archivo que se escribirá.</translation>
    </message>
    <message>
        <location filename="../src/cli/exportcommands.cpp" line="391"/>
        <source>Show what would change since the last feed, write nothing.</source>
        <translation>Mostrar qué cambiaría desde el último feed, sin escribir nada.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="33"/>
        <source>--input FILE.csv names the series to forecast (columns series_id,period,value).</source>
        <translation>--input FILE.csv indica las series que se van a prever (columnas series_id,period,value).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="40"/>
        <source>%1: %n problem(s); nothing was forecast.</source>
        <translation>
            <numerusform>%1: %n problema; no se ha hecho ninguna previsión.</numerusform>
            <numerusform>%1: %n problemas; no se ha hecho ninguna previsión.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="56"/>
        <source>--%1: &quot;%2&quot; is not a method; known: %3</source>
        <translation>--%1: «%2» no es un método; conocidos: %3</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="83"/>
        <source>--frequency takes day, week or month, not &quot;%1&quot;.</source>
        <translation>--frequency admite day, week o month, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="150"/>
        <location filename="../src/cli/planningcommands.cpp" line="314"/>
        <source>all locations</source>
        <translation>todas las ubicaciones</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="151"/>
        <source>%1 at %2: %n period(s) of history (%3, %4 stockout), method %5</source>
        <translation>
            <numerusform>%1 en %2: %n periodo de historial (%3, %4 con rotura de stock), método %5</numerusform>
            <numerusform>%1 en %2: %n periodos de historial (%3, %4 con rotura de stock), método %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="158"/>
        <source>Backtest over %n origin(s): MASE %1, sMAPE %2 %, bias %3</source>
        <translation>
            <numerusform>Backtest sobre %n origen: MASE %1, sMAPE %2 %, sesgo %3</numerusform>
            <numerusform>Backtest sobre %n orígenes: MASE %1, sMAPE %2 %, sesgo %3</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="165"/>
        <source>period</source>
        <translation>periodo</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="166"/>
        <source>mean</source>
        <translation>media</translation>
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
        <translation>forecast admite --input FILE.csv o --sku S, pero no ambos.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="193"/>
        <source>forecast needs --input FILE.csv (series_id,period,value) or --sku S.</source>
        <translation>forecast necesita --input FILE.csv (series_id,period,value) o --sku S.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="197"/>
        <source>forecast needs --horizon H, the number of periods ahead.</source>
        <translation>forecast necesita --horizon H, el número de periodos hacia delante.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="203"/>
        <source>forecast needs --out FILE.csv (- for standard output).</source>
        <translation>forecast necesita --out FILE.csv (- para la salida estándar).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="220"/>
        <source>Cannot write to standard output.</source>
        <translation>No se puede escribir en la salida estándar.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="228"/>
        <location filename="../src/cli/forecastcommands.cpp" line="381"/>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="249"/>
        <source>Forecast %n series (%1, season %2) %3 period(s) ahead in %4 s (reading %5 s) to %6.</source>
        <translation>
            <numerusform>Previsión de %n serie (%1, estacionalidad %2) a %3 periodo(s) vista en %4 s (lectura %5 s) en %6.</numerusform>
            <numerusform>Previsión de %n series (%1, estacionalidad %2) a %3 periodo(s) vista en %4 s (lectura %5 s) en %6.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="287"/>
        <source>backtest needs --horizon H, the number of periods ahead.</source>
        <translation>backtest necesita --horizon H, el número de periodos hacia delante.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="303"/>
        <source>--methods: &quot;%1&quot; is not a method; known: %2</source>
        <translation>--methods: «%1» no es un método; conocidos: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/forecastcommands.cpp" line="310"/>
        <source>%n series, horizon %1, %2 origin(s) %3 period(s) apart, MASE lag %4</source>
        <translation>
            <numerusform>%n serie, horizonte %1, %2 origen(es) separados %3 periodo(s), retardo MASE %4</numerusform>
            <numerusform>%n series, horizonte %1, %2 origen(es) separados %3 periodo(s), retardo MASE %4</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="318"/>
        <source>method</source>
        <translation>método</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="319"/>
        <source>MASE</source>
        <translation>MASE</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="320"/>
        <source>median</source>
        <translation>mediana</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="321"/>
        <source>sMAPE</source>
        <translation>sMAPE</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="322"/>
        <source>bias</source>
        <translation>sesgo</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="323"/>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="392"/>
        <source>Series file: series_id,period,value (period: number or ISO date).</source>
        <translation>Archivo de series: series_id,period,value (period: número o fecha ISO).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="394"/>
        <source>Periods ahead.</source>
        <translation>Periodos hacia delante.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="396"/>
        <source>Periods per seasonal cycle (default from the dates: 7, 52, 12 or 4; else 1).</source>
        <translation>Periodos por ciclo estacional (por defecto según las fechas: 7, 52, 12 o 4; si no, 1).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="398"/>
        <source>Threads (default: one per core).</source>
        <translation>Hilos (por defecto: uno por núcleo).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="409"/>
        <source>Forecast demand series: forecast --input FILE.csv --horizon H --out FILE.csv.</source>
        <translation>Prever series de demanda: forecast --input FILE.csv --horizon H --out FILE.csv.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="414"/>
        <source>auto (default), ets, naive, snaive, ses, holt, holt_damped, croston, sba, tsb, an ETS model such as ETS(M,Ad,A), …</source>
        <translation>auto (por defecto), ets, naive, snaive, ses, holt, holt_damped, croston, sba, tsb, un modelo ETS como ETS(M,Ad,A), …</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="419"/>
        <source>Where to write series_id,step,mean,lo80,hi80,lo95,hi95,method (- for standard output).</source>
        <translation>Dónde escribir series_id,step,mean,lo80,hi80,lo95,hi95,method (- para la salida estándar).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="423"/>
        <source>Forecast this product&apos;s demand from the database.</source>
        <translation>Prever la demanda de este artículo a partir de la base de datos.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="424"/>
        <source>With --sku: one location (default: all).</source>
        <translation>Con --sku: una ubicación (por defecto: todas).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="426"/>
        <source>With --sku: day, week (default) or month.</source>
        <translation>Con --sku: day, week (por defecto) o month.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="429"/>
        <source>With --sku: periods of history to learn from (default 104 weeks).</source>
        <translation>Con --sku: periodos de historial de los que aprender (por defecto 104 semanas).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="436"/>
        <source>Rolling-origin accuracy of forecasting methods: MASE, sMAPE and bias per method.</source>
        <translation>Precisión con origen móvil de los métodos de previsión: MASE, sMAPE y sesgo por método.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="440"/>
        <source>Comma-separated methods (default: all families).</source>
        <translation>Métodos separados por comas (por defecto: todas las familias).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="441"/>
        <source>Forecast origins per series (default 1).</source>
        <translation>Orígenes de previsión por serie (1 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="443"/>
        <source>Periods between origins (default: the horizon).</source>
        <translation>Periodos entre orígenes (por defecto: el horizonte).</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="446"/>
        <source>Also write each series&apos; scores per method to this CSV file.</source>
        <translation>Escribir también las puntuaciones de cada serie por método en este archivo CSV.</translation>
    </message>
    <message>
        <location filename="../src/cli/forecastcommands.cpp" line="449"/>
        <source>Lag of the seasonal naive error that scales MASE (default: the season).</source>
        <translation>Retardo del error estacional ingenuo que escala el MASE (por defecto: la estacionalidad).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="33"/>
        <source>import orders takes one file.</source>
        <translation>import orders admite un archivo.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="41"/>
        <source>--format takes auto, shopify, woocommerce, amazon, ebay, etsy or stockroom, not &quot;%1&quot;.</source>
        <translation>--format admite auto, shopify, woocommerce, amazon, ebay, etsy o stockroom, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="88"/>
        <source>%1 (%2): %3 rows; %4 units reserved, %5 backordered; %6 line(s) skipped (nothing to send); %7 s.</source>
        <translation>%1 (%2): %3 filas; %4 unidades reservadas, %5 pendientes de stock; %6 línea(s) omitida(s) (nada que enviar); %7 s.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="99"/>
        <source>  line %1: %2%3: %4</source>
        <translation>  línea %1: %2%3: %4</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="103"/>
        <source>Unknown SKUs: %1. Map each to one of ours: stockroomctl alias set &quot;THEIRS&quot; OURS --channel %2</source>
        <translation>SKU desconocidos: %1. Vincule cada uno a uno de los nuestros: stockroomctl alias set &quot;THEIRS&quot; OURS --channel %2</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="117"/>
        <source>import takes orders FILE (products and stock: product import FILE).</source>
        <translation>import admite orders FILE (artículos y stock: product import FILE).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="145"/>
        <source>No SKU aliases.</source>
        <translation>No hay alias de SKU.</translation>
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
        <translation>todos los canales de venta</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="158"/>
        <source>alias set takes THEIR-SKU-OR-NAME OUR-SKU [--channel C].</source>
        <translation>alias set admite THEIR-SKU-OR-NAME OUR-SKU [--channel C].</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/importcommands.cpp" line="168"/>
        <source>%1 is now %2 (%3); %n waiting order line(s) resolved.</source>
        <translation>
            <numerusform>%1 es ahora %2 (%3); %n línea de pedido en espera resuelta.</numerusform>
            <numerusform>%1 es ahora %2 (%3); %n líneas de pedido en espera resueltas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="177"/>
        <source>alias remove takes THEIR-SKU-OR-NAME [--channel C].</source>
        <translation>alias remove admite THEIR-SKU-OR-NAME [--channel C].</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="181"/>
        <source>Alias %1 removed.</source>
        <translation>Alias %1 eliminado.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="205"/>
        <source>No order line waits for a SKU mapping.</source>
        <translation>Ninguna línea de pedido está a la espera de una vinculación de SKU.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="208"/>
        <source>%1 (%2 %3) line %4: %5 × %6</source>
        <translation>%1 (%2 %3) línea %4: %5 × %6</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="222"/>
        <source>alias drop takes ORDER LINE (a line waiting for a SKU mapping).</source>
        <translation>alias drop admite ORDER LINE (una línea a la espera de una vinculación de SKU).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="228"/>
        <source>Line %1 dropped from %2; the order is %3 now.</source>
        <translation>Línea %1 descartada de %2; el pedido tiene ahora el estado %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="233"/>
        <source>alias takes list, set THEIRS OURS, remove THEIRS, waiting [ORDER] or drop ORDER LINE.</source>
        <translation>alias admite list, set THEIRS OURS, remove THEIRS, waiting [ORDER] o drop ORDER LINE.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="244"/>
        <source>Import orders FILE from a shop platform (Shopify, WooCommerce, Amazon, eBay, Etsy, ours).</source>
        <translation>Importar pedidos FILE de una plataforma de tienda (Shopify, WooCommerce, Amazon, eBay, Etsy, el nuestro).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="247"/>
        <source>auto (default), shopify, woocommerce, amazon, ebay, etsy or stockroom.</source>
        <translation>auto (por defecto), shopify, woocommerce, amazon, ebay, etsy o stockroom.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="250"/>
        <source>The channel the orders belong to (default: the platform&apos;s name).</source>
        <translation>El canal de venta al que pertenecen los pedidos (por defecto: el nombre de la plataforma).</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="252"/>
        <source>Report what would happen; change nothing.</source>
        <translation>Informar de lo que ocurriría, sin cambiar nada.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="256"/>
        <source>SKU aliases: list, set THEIRS OURS, remove THEIRS, waiting [ORDER], drop ORDER LINE.</source>
        <translation>Alias de SKU: list, set THEIRS OURS, remove THEIRS, waiting [ORDER], drop ORDER LINE.</translation>
    </message>
    <message>
        <location filename="../src/cli/importcommands.cpp" line="258"/>
        <source>The channel the alias is for (default: every channel).</source>
        <translation>El canal de venta del alias (por defecto: todos los canales de venta).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="29"/>
        <source>%1 takes one %2 number.</source>
        <translation>%1 admite un número de %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="78"/>
        <source>--line takes SKU:QTY[:COST], not &quot;%1&quot;.</source>
        <translation>--line admite SKU:QTY[:COST], no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="118"/>
        <source>  barcode %1; cost %2 (average %3); price %4; %5 g; %6.</source>
        <translation>  código de barras %1; coste %2 (medio %3); precio %4; %5 g; %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="122"/>
        <location filename="../src/cli/usercommands.cpp" line="115"/>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="122"/>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="156"/>
        <source>A product is --active or --inactive, not both.</source>
        <translation>Un artículo es --active o --inactive, no ambas cosas.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="179"/>
        <source>product add takes --sku SKU and --name NAME.</source>
        <translation>product add admite --sku SKU y --name NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="186"/>
        <source>Added %1: %2.</source>
        <translation>Artículo %1 añadido: %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="195"/>
        <source>product update takes --sku SKU and the options to change.</source>
        <translation>product update admite --sku SKU y las opciones que se van a cambiar.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="201"/>
        <source>Updated %1: %2.</source>
        <translation>Artículo %1 actualizado: %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="212"/>
        <source>product import takes one file.</source>
        <translation>product import admite un archivo.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="220"/>
        <source>--format takes auto, stockroom, stockroom-stock, shopify-products or shopify-inventory, not &quot;%1&quot;.</source>
        <translation>--format admite auto, stockroom, stockroom-stock, shopify-products o shopify-inventory, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="233"/>
        <source>--map takes &quot;NAME IN THE FILE=CODE&quot;, not &quot;%1&quot;.</source>
        <translation>--map admite &quot;NAME IN THE FILE=CODE&quot;, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="259"/>
        <source>Give the location for rows without one with --location CODE, and say which of ours a location of the file is with --map &quot;NAME=CODE&quot;.</source>
        <translation>Indique la ubicación de las filas que no la tengan con --location CODE, e indique a cuál de las nuestras corresponde una ubicación del archivo con --map &quot;NAME=CODE&quot;.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="287"/>
        <source>%1 (%2): %3 rows; products %4 created, %5 updated, %6 unchanged; %7 stock levels set, %8 units in, %9 units out; %10 s.</source>
        <translation>%1 (%2): %3 filas; artículos: %4 creados, %5 actualizados, %6 sin cambios; %7 niveles de stock establecidos, %8 unidades de entrada, %9 unidades de salida; %10 s.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="300"/>
        <source>Dry run: nothing was changed.</source>
        <translation>Simulación: no se ha cambiado nada.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="302"/>
        <source>Ledger reference: %1.</source>
        <translation>Referencia en el libro de existencias: %1.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="321"/>
        <source>product takes add, update or import FILE.</source>
        <translation>product admite add, update o import FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="382"/>
        <source>  %1, priority %2; postcode %3, region %4; address %5.</source>
        <translation>  %1, prioridad %2; código postal %3, región %4; dirección %5.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="396"/>
        <source>location add takes --code CODE and --name NAME.</source>
        <translation>location add admite --code CODE y --name NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="403"/>
        <source>Added location %1: %2.</source>
        <translation>Ubicación %1 añadida: %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="409"/>
        <source>location update takes --code CODE and the options to change.</source>
        <translation>location update admite --code CODE y las opciones que se van a cambiar.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="414"/>
        <source>Updated location %1: %2.</source>
        <translation>Ubicación %1 actualizada: %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="417"/>
        <source>location takes add or update.</source>
        <translation>location admite add o update.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="428"/>
        <source>stock-settings takes --sku SKU, --location CODE and --bin, --reorder-point or --reorder-qty.</source>
        <translation>stock-settings admite --sku SKU, --location CODE y --bin, --reorder-point o --reorder-qty.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="474"/>
        <source>no bin</source>
        <translation>sin hueco</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="474"/>
        <source>bin %1</source>
        <translation>hueco %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="477"/>
        <source>reorder point %1</source>
        <translation>punto de pedido %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="480"/>
        <source>reorder quantity %1</source>
        <translation>cantidad de reposición %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="482"/>
        <source>%1 at %2: %3.</source>
        <translation>%1 en %2: %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="505"/>
        <source>supplier add takes --name NAME.</source>
        <translation>supplier add admite --name NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="514"/>
        <source>Added supplier %1 (%2; lead time %3 days).</source>
        <translation>Proveedor %1 añadido (%2; plazo de entrega %3 días).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="535"/>
        <source>%1 (%2; lead time %3 days)</source>
        <translation>%1 (%2; plazo de entrega %3 días)</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="542"/>
        <source>supplier takes add or list.</source>
        <translation>supplier admite add o list.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="584"/>
        <source>%1 from %2 for %3 is %4; expected %5; version %6.</source>
        <translation>%1 de %2 para %3 tiene el estado %4; previsto %5; versión %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="588"/>
        <source>Created by %1 at %2; ordered %3; closed %4; last changed by %5 at %6.</source>
        <translation>Creado por %1 el %2; pedido %3; cerrado %4; último cambio de %5 el %6.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="593"/>
        <location filename="../src/cli/inventorycommands.cpp" line="755"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1010"/>
        <source>Note: %1</source>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="598"/>
        <source>, %1 over</source>
        <translation>, %1 de más</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="600"/>
        <source>, %1 short</source>
        <translation>, %1 faltante</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="602"/>
        <source>  %1. %2 %3: %4 ordered, %5 received%6, at %7</source>
        <translation>  %1. %2 %3: %4 pedidas, %5 recibidas%6, a %7</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="620"/>
        <location filename="../src/cli/inventorycommands.cpp" line="785"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1075"/>
        <source>%1 is %2 (version %3).</source>
        <translation>%1 tiene el estado %2 (versión %3).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="640"/>
        <source>po create takes --supplier NAME, --location CODE and --line SKU:QTY[:COST] (repeat for more).</source>
        <translation>po create admite --supplier NAME, --location CODE y --line SKU:QTY[:COST] (repítalo para más).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="659"/>
        <source>%1 is a draft: %n line(s), %2 units from %3 for %4.</source>
        <translation>
            <numerusform>%1 es un borrador: %n línea, %2 unidades de %3 para %4.</numerusform>
            <numerusform>%1 es un borrador: %n líneas, %2 unidades de %3 para %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="671"/>
        <location filename="../src/cli/inventorycommands.cpp" line="684"/>
        <location filename="../src/cli/inventorycommands.cpp" line="695"/>
        <source>purchase order</source>
        <translation>pedido de compra</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="674"/>
        <source>po receive takes --line SKU:QTY (repeat for more).</source>
        <translation>po receive admite --line SKU:QTY (repítalo para más).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="701"/>
        <source>po takes create, order PO, receive PO, close PO, cancel PO or show PO.</source>
        <translation>po admite create, order PO, receive PO, close PO, cancel PO o show PO.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="743"/>
        <source>%1 from %2 to %3 is %4; version %5.</source>
        <translation>%1 de %2 a %3 tiene el estado %4; versión %5.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="747"/>
        <source>Created by %1 at %2; requested %3; shipped %4; received %5.</source>
        <translation>Creado por %1 el %2; solicitado %3; enviado %4; recibido %5.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="760"/>
        <source>, %1 missing, %2 written off</source>
        <translation>, %1 faltantes, %2 dadas de baja</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="765"/>
        <source>  %1. %2 %3: %4 on the transfer, %5 shipped, %6 received%7, %8 in transit</source>
        <translation>  %1. %2 %3: %4 en el traspaso, %5 enviadas, %6 recibidas%7, %8 en tránsito</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="814"/>
        <source>--missing takes SKU:QTY:REASON, not &quot;%1&quot;.</source>
        <translation>--missing admite SKU:QTY:REASON, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="840"/>
        <source>transfer create takes --from CODE, --to CODE and --line SKU:QTY (repeat for more).</source>
        <translation>transfer create admite --from CODE, --to CODE y --line SKU:QTY (repítalo para más).</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="851"/>
        <source>%1 is a draft: %n line(s), %2 units from %3 to %4.</source>
        <translation>
            <numerusform>%1 es un borrador: %n línea, %2 unidades de %3 a %4.</numerusform>
            <numerusform>%1 es un borrador: %n líneas, %2 unidades de %3 a %4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="864"/>
        <location filename="../src/cli/inventorycommands.cpp" line="878"/>
        <location filename="../src/cli/inventorycommands.cpp" line="905"/>
        <source>transfer</source>
        <translation>traspaso</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="868"/>
        <source>transfer receive takes --line SKU:QTY or --missing SKU:QTY:REASON (repeat for more).</source>
        <translation>transfer receive admite --line SKU:QTY o --missing SKU:QTY:REASON (repítalo para más).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="911"/>
        <source>transfer takes create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR or show TR.</source>
        <translation>transfer admite create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR o show TR.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="996"/>
        <source>%1 at %2 is %3: %4 count (%5)%6; version %7.</source>
        <translation>%1 en %2 tiene el estado %3: recuento %4 (%5)%6; versión %7.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="998"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1115"/>
        <source>, blind</source>
        <translation>, ciego</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1001"/>
        <source>Started by %1 at %2; submitted %3; decided %4.</source>
        <translation>Iniciado por %1 el %2; enviado a aprobación %3; decidido %4.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1013"/>
        <source>Decision: %1</source>
        <translation>Decisión: %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1016"/>
        <source>Blind count: expected quantities are hidden while counting (--manager shows them).</source>
        <translation>Recuento ciego: las cantidades esperadas se ocultan durante el recuento (--manager las muestra).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1021"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1038"/>
        <source>Bin</source>
        <translation>Hueco</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1022"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1041"/>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1033"/>
        <source>%1 of %2 lines counted.</source>
        <translation>%1 de %2 líneas contadas.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1039"/>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1040"/>
        <source>Book</source>
        <translation>Teórico</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1042"/>
        <source>Variance</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1043"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1349"/>
        <source>Value</source>
        <translation>Valor</translation>
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
        <translation>count start admite --location CODE.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1092"/>
        <source>--abc takes A, B or C, not &quot;%1&quot;.</source>
        <translation>--abc admite A, B o C, no «%1».</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/cli/inventorycommands.cpp" line="1113"/>
        <source>%1: %n line(s) to count at %2 (%3)%4.</source>
        <translation>
            <numerusform>%1: %n línea por contar en %2 (%3)%4.</numerusform>
            <numerusform>%1: %n líneas por contar en %2 (%3)%4.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1122"/>
        <source> (expected %1)</source>
        <translation> (esperado %1)</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1132"/>
        <source>count record takes a count number, --sku SKU (or a GTIN) and --qty N.</source>
        <translation>count record admite un número de recuento, --sku SKU (o un GTIN) y --qty N.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1149"/>
        <source>%1: %2 counted %3.</source>
        <translation>%1: recuento de %2: %3.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1172"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1177"/>
        <location filename="../src/cli/inventorycommands.cpp" line="1202"/>
        <source>count</source>
        <translation>recuento de inventario</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1205"/>
        <source>count reject takes --note TEXT: why the count is rejected.</source>
        <translation>count reject admite --note TEXT: por qué se rechaza el recuento.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1214"/>
        <source>count takes start, record SC, submit SC, approve SC, reject SC, reopen SC or show SC.</source>
        <translation>count admite start, record SC, submit SC, approve SC, reject SC, reopen SC o show SC.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1224"/>
        <source>ledger takes --sku SKU [--location CODE] [--limit N] [--before ID].</source>
        <translation>ledger admite --sku SKU [--location CODE] [--limit N] [--before ID].</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1232"/>
        <source>--before takes a ledger row id, not &quot;%1&quot;.</source>
        <translation>--before admite el id. de una fila del libro de existencias, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1281"/>
        <source>Ledger of %1 %2%3, newest first:</source>
        <translation>Libro de existencias de %1 %2%3, los más recientes primero:</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1283"/>
        <source> at %1</source>
        <translation> en %1</translation>
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
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1291"/>
        <location filename="../src/cli/planningcommands.cpp" line="122"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1292"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1293"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1294"/>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1295"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1310"/>
        <source>More: --before %1</source>
        <translation>Más: --before %1</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1318"/>
        <source>valuation takes no arguments.</source>
        <translation>valuation no admite argumentos.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1343"/>
        <source>Stock value at moving-average cost:</source>
        <translation>Valor del stock a coste medio ponderado:</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1346"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1347"/>
        <source>Products</source>
        <translation>Artículos</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1348"/>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1374"/>
        <source>Refuse if the document is no longer at this version.</source>
        <translation>Rechazar si el documento ya no está en esta versión.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1376"/>
        <source>Products: add, update, import FILE.</source>
        <translation>Artículos: add, update, import FILE.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1379"/>
        <source>Product name.</source>
        <translation>Nombre del artículo.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1380"/>
        <source>Barcode (GTIN-8, -12, -13 or -14).</source>
        <translation>Código de barras (GTIN-8, -12, -13 o -14).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1382"/>
        <source>Unit cost, e.g. 12.50.</source>
        <translation>Coste unitario, p. ej., 12.50.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1384"/>
        <source>Selling price, e.g. 19.99.</source>
        <translation>Precio de venta, p. ej., 19.99.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1386"/>
        <source>Weight in grams.</source>
        <translation>Peso en gramos.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1387"/>
        <source>No longer sold.</source>
        <translation>Ya no se vende.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1388"/>
        <source>update: sold again.</source>
        <translation>update: se vuelve a vender.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1390"/>
        <source>import: auto (default), stockroom, stockroom-stock, shopify-products or shopify-inventory.</source>
        <translation>import: auto (por defecto), stockroom, stockroom-stock, shopify-products o shopify-inventory.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1393"/>
        <source>import: where rows without a location are.</source>
        <translation>import: dónde están las filas sin ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1396"/>
        <source>import: a location name in the file and our code; repeat for more.</source>
        <translation>import: un nombre de ubicación del archivo y nuestro código; repítalo para más.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1399"/>
        <source>import: report what would change, change nothing.</source>
        <translation>import: informar de lo que cambiaría, sin cambiar nada.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1402"/>
        <source>Locations: add, update.</source>
        <translation>Ubicaciones: add, update.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1405"/>
        <source>Location name.</source>
        <translation>Nombre de la ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1406"/>
        <source>warehouse (default), store or third_party.</source>
        <translation>warehouse (por defecto), store o third_party.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1409"/>
        <source>Routing priority (lower ships first; default 100).</source>
        <translation>Prioridad de asignación (cuanto menor, antes envía; 100 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1410"/>
        <source>Postcode.</source>
        <translation>Código postal.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1411"/>
        <source>Region.</source>
        <translation>Región.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1412"/>
        <source>Address.</source>
        <translation>Dirección.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1416"/>
        <source>Set a product&apos;s bin, reorder point and reorder quantity at a location.</source>
        <translation>Establecer el hueco, el punto de pedido y la cantidad de reposición de un artículo en una ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1420"/>
        <source>Home bin (empty to clear).</source>
        <translation>Hueco habitual (vacío para borrarlo).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1422"/>
        <source>Reorder when available falls to this.</source>
        <translation>Reponer cuando el disponible baje hasta este valor.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1424"/>
        <source>How many to reorder.</source>
        <translation>Cuántas unidades reponer.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1428"/>
        <source>Suppliers: add, list.</source>
        <translation>Proveedores: add, list.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1430"/>
        <source>Supplier name.</source>
        <translation>Nombre del proveedor.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1431"/>
        <source>Supplier e-mail address.</source>
        <translation>Dirección de correo electrónico del proveedor.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1434"/>
        <source>Days from order to delivery (default 7).</source>
        <translation>Días desde el pedido hasta la entrega (7 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1438"/>
        <source>Purchase orders: create, order PO, receive PO, close PO, cancel PO, show PO.</source>
        <translation>Pedidos de compra: create, order PO, receive PO, close PO, cancel PO, show PO.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1440"/>
        <source>create: the supplier.</source>
        <translation>create: el proveedor.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1442"/>
        <source>create: where the goods arrive.</source>
        <translation>create: dónde llega la mercancía.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1444"/>
        <source>create: expected delivery date.</source>
        <translation>create: fecha de entrega prevista.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1446"/>
        <source>create, receive: free text.</source>
        <translation>create, receive: texto libre.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1449"/>
        <source>create: SKU:QTY[:COST]; receive: SKU:QTY (SKU or GTIN); repeat for more.</source>
        <translation>create: SKU:QTY[:COST]; receive: SKU:QTY (SKU o GTIN); repítalo para más.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1455"/>
        <source>Transfers: create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR, show TR.</source>
        <translation>Traspasos: create, request TR, ship TR, receive TR, approve-missing TR, reject-missing TR, cancel TR, show TR.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1459"/>
        <source>create: the source location.</source>
        <translation>create: la ubicación de origen.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1461"/>
        <source>create: the destination.</source>
        <translation>create: el destino.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1463"/>
        <source>create: units to send; receive: units arrived; repeat for more.</source>
        <translation>create: unidades que se enviarán; receive: unidades llegadas; repítalo para más.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1465"/>
        <source>receive: units that did not arrive, and why.</source>
        <translation>receive: unidades que no han llegado, y por qué.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1467"/>
        <source>create: free text.</source>
        <translation>create: texto libre.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1472"/>
        <source>Stock counts: start, record SC, submit SC, approve SC, reject SC, reopen SC, show SC.</source>
        <translation>Recuentos de inventario: start, record SC, submit SC, approve SC, reject SC, reopen SC, show SC.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1474"/>
        <source>start: the location counted.</source>
        <translation>start: la ubicación que se cuenta.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1476"/>
        <source>start: a cycle count of a subset.</source>
        <translation>start: un recuento cíclico de un subconjunto.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1477"/>
        <source>start: bins starting with this.</source>
        <translation>start: huecos que empiezan por esto.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1480"/>
        <source>start: ABC class by cost of goods shipped (90 days).</source>
        <translation>start: clase ABC según el coste de la mercancía enviada (90 días).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1483"/>
        <source>start: products not counted there for N days.</source>
        <translation>start: artículos que no se han contado allí en N días.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1485"/>
        <source>start: exactly these SKUs (repeat); record: the SKU or GTIN counted.</source>
        <translation>start: exactamente estos SKU (repítalo); record: el SKU o GTIN contado.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1488"/>
        <source>start: counters see the expected quantities (default: blind).</source>
        <translation>start: quienes cuentan ven las cantidades esperadas (por defecto: recuento ciego).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1489"/>
        <source>record: the quantity counted.</source>
        <translation>record: la cantidad contada.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1491"/>
        <source>record: add to what was counted.</source>
        <translation>record: sumar a lo ya contado.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1492"/>
        <source>start, approve, reject: why.</source>
        <translation>start, approve, reject: motivo.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1495"/>
        <source>show: expected quantities of a blind open count.</source>
        <translation>show: cantidades esperadas de un recuento ciego abierto.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1500"/>
        <source>A product&apos;s stock movements, newest first, with on hand after each.</source>
        <translation>Movimientos de stock de un artículo, los más recientes primero, con las existencias tras cada uno.</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1505"/>
        <source>Rows per page (default 50).</source>
        <translation>Filas por página (50 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1507"/>
        <source>Rows older than this id (the next page).</source>
        <translation>Filas anteriores a este id. (la página siguiente).</translation>
    </message>
    <message>
        <location filename="../src/cli/inventorycommands.cpp" line="1512"/>
        <source>Stock value per location at moving-average cost.</source>
        <translation>Valor del stock por ubicación a coste medio ponderado.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="16"/>
        <source>pg-grant is for PostgreSQL databases; a SQLite file has no roles.</source>
        <translation>pg-grant es para bases de datos PostgreSQL; un archivo SQLite no tiene roles.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="27"/>
        <source>The role %1 has its privileges on %2.</source>
        <translation>El rol %1 tiene sus privilegios sobre %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="31"/>
        <source>The role %1 does not exist and %2 may not create it: ask a superuser to run CREATE ROLE %1 NOLOGIN, then run pg-grant again.</source>
        <translation>El rol %1 no existe y %2 no puede crearlo: pida a un superusuario que ejecute CREATE ROLE %1 NOLOGIN y, después, vuelva a ejecutar pg-grant.</translation>
    </message>
    <message>
        <location filename="../src/cli/pgcommands.cpp" line="45"/>
        <source>PostgreSQL: give the desktops&apos; role %1 its privileges again (run as the database owner).</source>
        <translation>PostgreSQL: volver a conceder sus privilegios al rol %1 de los equipos (ejecútelo como propietario de la base de datos).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="26"/>
        <source>--service-level takes a share like 0.95 or a percentage like 95 (over 50, under 100), not &quot;%1&quot;.</source>
        <translation>--service-level admite una proporción como 0.95 o un porcentaje como 95 (más de 50, menos de 100), no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="102"/>
        <source>Nothing to replenish: every product is above its reorder point.</source>
        <translation>Nada que reponer: todos los artículos están por encima de su punto de pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="107"/>
        <source>No supplier known yet (accept with --supplier NAME):</source>
        <translation>Todavía no hay proveedor conocido (acéptelo con --supplier NAME):</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="109"/>
        <source>%1 (lead time %2 days), %3:</source>
        <translation>%1 (plazo de entrega %2 días), %3:</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="117"/>
        <source>Projected</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="118"/>
        <source>ROP</source>
        <translation>PP</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="119"/>
        <source>Up to</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="120"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="121"/>
        <source>Cover</source>
        <translation>Cobertura</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="138"/>
        <source>Transfers:</source>
        <translation>Traspasos:</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="153"/>
        <source>replenish takes options only (see --help), not &quot;%1&quot;.</source>
        <translation>replenish solo admite opciones (consulte --help), no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="167"/>
        <source>--supplier goes with --accept.</source>
        <translation>--supplier se usa con --accept.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="216"/>
        <source>%1 (draft) from %2 for %3, expected %4: %5</source>
        <translation>%1 (borrador) de %2 para %3, previsto %4: %5</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="226"/>
        <source>%1 (draft) from %2 to %3: %4</source>
        <translation>%1 (borrador) de %2 a %3: %4</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="255"/>
        <source>atp takes options only (see --help), not &quot;%1&quot;.</source>
        <translation>atp solo admite opciones (consulte --help), no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="259"/>
        <source>atp needs --sku.</source>
        <translation>atp necesita --sku.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="312"/>
        <source>Available to promise of %1 at %2 from %3:</source>
        <translation>Disponible para prometer (ATP) de %1 en %2 desde %3:</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="331"/>
        <source>  %1 units owed to backorders are not covered within %2 weeks.</source>
        <translation>  %1 unidades comprometidas con pedidos pendientes no quedan cubiertas en %2 semanas.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="338"/>
        <source>  After forecast demand (%1) on %2: %3 (80 %: %4 to %5).</source>
        <translation>  Tras la demanda prevista (%1) el %2: %3 (80 %: de %4 a %5).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="358"/>
        <source>Replenishment suggestions (purchases per supplier, transfers); --accept makes drafts.</source>
        <translation>Sugerencias de reposición (compras por proveedor, traspasos); --accept crea borradores.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="360"/>
        <source>Only this location&apos;s suggestions.</source>
        <translation>Solo las sugerencias de esta ubicación.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="363"/>
        <source>Create drafts of these suggestions (ids as listed, comma-separated or repeated; all for every one).</source>
        <translation>Crear borradores de estas sugerencias (ids. tal como se listan, separados por comas o repetidos; all para todas).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="367"/>
        <source>With --accept: the supplier for products never ordered before.</source>
        <translation>Con --accept: el proveedor de los artículos que nunca se han pedido.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="369"/>
        <source>Days between orders (default 7).</source>
        <translation>Días entre pedidos (7 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="372"/>
        <source>Target cycle service level, e.g. 0.95 or 95 (default 95 %).</source>
        <translation>Nivel de servicio de ciclo objetivo, p. ej., 0.95 o 95 (95 % por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="377"/>
        <source>Available to promise of a product over the coming weeks; --qty: the earliest promise.</source>
        <translation>Disponible para prometer (ATP) de un artículo en las próximas semanas; --qty: la fecha de compromiso más temprana.</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="380"/>
        <source>One location (default: all).</source>
        <translation>Una ubicación (por defecto: todas).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="383"/>
        <source>When can this many be promised, and from where (exit 1: not within the weeks).</source>
        <translation>Cuándo se puede prometer esta cantidad y desde dónde (salida 1: no dentro de las semanas).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="386"/>
        <source>Horizon in weeks (default 8).</source>
        <translation>Horizonte en semanas (8 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/planningcommands.cpp" line="389"/>
        <source>Also subtract the forecast demand (80 % band).</source>
        <translation>Restar también la demanda prevista (banda del 80 %).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="45"/>
        <source>--%1: cannot read %2: %3</source>
        <translation>--%1: no se puede leer %2: %3</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="63"/>
        <source>New password: </source>
        <translation>Contraseña nueva: </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="66"/>
        <source>Give the new password with --new-password-file FILE or $STOCKROOM_NEW_PASSWORD (or type it on a terminal).</source>
        <translation>Indique la contraseña nueva con --new-password-file FILE o $STOCKROOM_NEW_PASSWORD (o escríbala en un terminal).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="69"/>
        <source>Again: </source>
        <translation>Otra vez: </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="70"/>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="79"/>
        <source>A role is clerk, manager or admin, not &quot;%1&quot;.</source>
        <translation>Un rol es clerk, manager o admin, no «%1».</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="115"/>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="122"/>
        <source>user add|role|enable|disable|password NAME …, or user list.</source>
        <translation>user add|role|enable|disable|password NAME …, o user list.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="139"/>
        <source>User %1 added as %2.</source>
        <translation>Usuario %1 añadido como %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="148"/>
        <source>%1 is now %2.</source>
        <translation>%1 ahora es %2.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="154"/>
        <source>%1 may sign in.</source>
        <translation>%1 puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="154"/>
        <source>%1 can no longer sign in.</source>
        <translation>%1 ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="167"/>
        <source>Current password: </source>
        <translation>Contraseña actual: </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="171"/>
        <source>The password of %1 is changed; desktops that stayed signed in must sign in again.</source>
        <translation>Se ha cambiado la contraseña de %1; los equipos que seguían con la sesión iniciada deben volver a iniciarla.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="177"/>
        <source>Unknown user action &quot;%1&quot;: add, list, role, enable, disable or password.</source>
        <translation>Acción de usuario desconocida «%1»: add, list, role, enable, disable o password.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="186"/>
        <source>This database has no users yet: nobody signs in (add one with &quot;user add NAME --role admin&quot;).</source>
        <translation>Esta base de datos todavía no tiene usuarios: nadie inicia sesión (añada uno con «user add NAME --role admin»).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="198"/>
        <source>login needs the password in --password-file or $STOCKROOM_PASSWORD.</source>
        <translation>login necesita la contraseña en --password-file o $STOCKROOM_PASSWORD.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="221"/>
        <source>Reading the audit trail</source>
        <translation>Leer el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="233"/>
        <source>--%1 takes a date like 2026-11-27, not &quot;%2&quot;.</source>
        <translation>--%1 admite una fecha como 2026-11-27, no «%2».</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="295"/>
        <source>This database has users: sign in with --user NAME (or $STOCKROOM_USER) and the password in --password-file, $STOCKROOM_PASSWORD or typed; or $STOCKROOM_TOKEN from &quot;stockroomctl login&quot;.</source>
        <translation>Esta base de datos tiene usuarios: inicie sesión con --user NAME (o $STOCKROOM_USER) y la contraseña en --password-file, en $STOCKROOM_PASSWORD o escrita; o con $STOCKROOM_TOKEN de «stockroomctl login».</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="308"/>
        <source>Password for %1: </source>
        <translation>Contraseña de %1: </translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="312"/>
        <source>No password for %1: give it in --password-file, $STOCKROOM_PASSWORD or on a terminal.</source>
        <translation>No hay contraseña para %1: indíquela en --password-file, en $STOCKROOM_PASSWORD o en un terminal.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="324"/>
        <source>Users: add NAME --role R, list, role NAME R, enable/disable NAME, password NAME.</source>
        <translation>Usuarios: add NAME --role R, list, role NAME R, enable/disable NAME, password NAME.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="326"/>
        <source>clerk, manager or admin (default clerk).</source>
        <translation>clerk, manager o admin (clerk por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="328"/>
        <source>The user&apos;s full name.</source>
        <translation>El nombre completo del usuario.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="332"/>
        <source>Read the new password from this file (else $STOCKROOM_NEW_PASSWORD or a prompt).</source>
        <translation>Leer la contraseña nueva de este archivo (si no, de $STOCKROOM_NEW_PASSWORD o se pide).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="337"/>
        <source>Sign in once and print a token for scripts ($STOCKROOM_TOKEN, 30 days).</source>
        <translation>Iniciar sesión una vez e imprimir un token para scripts ($STOCKROOM_TOKEN, 30 días).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="340"/>
        <source>Revoke the token in $STOCKROOM_TOKEN.</source>
        <translation>Revocar el token de $STOCKROOM_TOKEN.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="342"/>
        <source>Who did what and when, newest first, with before/after of edits.</source>
        <translation>Quién hizo qué y cuándo, lo más reciente primero, con el antes y el después de las modificaciones.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="344"/>
        <source>Only this user&apos;s actions.</source>
        <translation>Solo las acciones de este usuario.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="347"/>
        <source>Only this kind: order, stock, product, location, count, transfer, user, …</source>
        <translation>Solo este tipo: order, stock, product, location, count, transfer, user, …</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="349"/>
        <source>Key or summary contains this text.</source>
        <translation>La clave o el resumen contiene este texto.</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="351"/>
        <source>From this day (UTC).</source>
        <translation>Desde este día (UTC).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="352"/>
        <source>Up to and including this day (UTC).</source>
        <translation>Hasta este día inclusive (UTC).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="354"/>
        <source>At most N lines (default 100).</source>
        <translation>Como máximo N líneas (100 por defecto).</translation>
    </message>
    <message>
        <location filename="../src/cli/usercommands.cpp" line="357"/>
        <source>Only the audit log (edits, approvals, users, sign-ins), not every change.</source>
        <translation>Solo el registro de auditoría (modificaciones, aprobaciones, usuarios, inicios de sesión), no todos los cambios.</translation>
    </message>
</context>
</TS>
