import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { freshDatabase } from '../helpers';

/**
 * src/lib/server/platform/schema.ts against the database the migrations make. Kysely trusts the
 * `Database` interface completely: a column missing from it cannot be read, one it has that the
 * database lacks fails only when a query runs, and a wrong `| null` hides a null from every check
 * the compiler makes. So every table and column is compared, both ways, by reading schema.ts with
 * the TypeScript compiler and the database with PRAGMA table_xinfo.
 *
 * How a column's TypeScript type is read:
 * - `Generated<T>` (or `GeneratedAlways<T>`) selects as T and may be left out of an insert;
 *   `ColumnType<S, I, U>` selects as S and may be left out of an insert when I includes undefined;
 *   any other type T selects as T and must be given on every insert. An optional property (`?`) is
 *   not used: Kysely would read it as possibly undefined.
 * - The column may be null when T (or S) has `null` in its union, through any type alias.
 * - T's other members give its kind: string (or string literals) for TEXT, number (or number
 *   literals) for INTEGER, REAL and NUMERIC, Uint8Array for BLOB (SQLite's affinity rules, from the
 *   declared type).
 *
 * What has to agree:
 * 1. The tables: every table in the database is a property of `Database`, and every property is a
 *    table (leaving out SQLite's own tables, and Kysely's migration tables were there any: the
 *    app's own migrator records its work in `schema_migration`, which is in `Database`).
 * 2. The columns: the same names, both ways.
 * 3. Null: the column can hold NULL (not NOT NULL, and not part of the primary key) exactly when
 *    its type has `| null`. A primary key is taken as never null: INTEGER PRIMARY KEY is the rowid,
 *    and though SQLite lets NULL into another primary key column that is not NOT NULL (a quirk kept
 *    for old files), nothing here writes one. A column the database refuses NULL for with a trigger
 *    (SQLite can add a NOT NULL column only with a default) counts as NOT NULL: listed below, and
 *    the trigger is checked to be there.
 * 4. Leaving a column out of an insert: allowed by the type only where the database then supplies a
 *    value (a DEFAULT, the rowid of an INTEGER PRIMARY KEY, or NULL). So a NOT NULL column without a
 *    default is a plain, non-null type. The reverse is not required: a plain type on a column with
 *    a default only means the app always gives the value (e.g. `user.is_administrator`).
 * 5. The kind: as above, from the column's declared type.
 * 6. The values: where a CHECK (column in (...)) constraint lists the texts a TEXT column may hold,
 *    its type is a union of exactly those string literals (and null if nullable). An INTEGER flag
 *    checked to be 0 or 1 is left typed `number`, as schema.ts types every boolean.
 */

const SCHEMA_FILE = path.resolve('src/lib/server/platform/schema.ts');

/** Tables the database has that are no part of the app's schema. */
const NOT_APP_TABLES = /^(sqlite_|kysely_migration)/;

/**
 * NOT NULL in all but name: a trigger refuses an insert that leaves them null, and another refuses
 * every update.
 */
const NOT_NULL_BY_TRIGGER: { table: string; column: string; triggers: RegExp[] }[] = [
	{
		table: 'audit_log',
		column: 'hash',
		triggers: [
			/before insert on audit_log\s+when new\.hash is null\s+begin select raise\(abort\b/i,
			/before update on audit_log\s+begin select raise\(abort\b/i
		]
	}
];

type Kind = 'text' | 'number' | 'blob';

interface SchemaColumn {
	/** May be left out of an insert (Generated, or a ColumnType whose insert type has undefined). */
	insertOptional: boolean;
	/** Written `name?:`. */
	optionalProperty: boolean;
	nullable: boolean;
	/** The kinds of T's members other than null; 'other' for anything else (boolean, objects). */
	kinds: Set<Kind | 'other'>;
	/** T's literal members other than null, when every one is a literal. */
	literals: (string | number)[] | null;
	written: string;
}

interface DatabaseColumn {
	name: string;
	type: string;
	notnull: number;
	dflt_value: string | null;
	pk: number;
}

/** The `Database` interface: each table's name and its columns as schema.ts types them. */
function readSchema(file: string): Map<string, Map<string, SchemaColumn>> {
	const program = ts.createProgram([file], {
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		// Only schema.ts and what it imports (kysely's types): no @types packages.
		types: []
	});
	const checker = program.getTypeChecker();
	const source = program.getSourceFile(file);
	if (!source) throw new Error(`TypeScript could not read ${file}`);
	const database = source.statements.find(
		(statement): statement is ts.InterfaceDeclaration =>
			ts.isInterfaceDeclaration(statement) && statement.name.text === 'Database'
	);
	if (!database) throw new Error(`${file} has no Database interface`);

	const tables = new Map<string, Map<string, SchemaColumn>>();
	for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(database.name))) {
		const columns = new Map<string, SchemaColumn>();
		const tableType = checker.getTypeOfSymbolAtLocation(table, database);
		for (const column of checker.getPropertiesOfType(tableType)) {
			const declaration = column.valueDeclaration;
			if (!declaration || !ts.isPropertySignature(declaration) || !declaration.type)
				throw new Error(`${table.name}.${column.name} is not a typed property`);
			columns.set(column.name, readColumn(checker, declaration));
		}
		tables.set(table.name, columns);
	}
	return tables;
}

function readColumn(checker: ts.TypeChecker, property: ts.PropertySignature): SchemaColumn {
	let node = property.type!;
	let insertOptional = false;
	const wrapper =
		ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) ? node.typeName.text : null;
	if ((wrapper === 'Generated' || wrapper === 'GeneratedAlways') && ts.isTypeReferenceNode(node)) {
		insertOptional = true;
		node = node.typeArguments![0]!;
	} else if (wrapper === 'ColumnType' && ts.isTypeReferenceNode(node)) {
		const [select, insert] = node.typeArguments!;
		const insertType = insert ? checker.getTypeFromTypeNode(insert) : null;
		insertOptional = insertType !== null && members(insertType).some(isUndefined);
		node = select!;
	}
	const all = members(checker.getTypeFromTypeNode(node));
	const values = all.filter((type) => !(type.flags & ts.TypeFlags.Null));
	const kinds = new Set(values.map(kindOf));
	const literals = values.every((type) => type.isStringLiteral() || type.isNumberLiteral())
		? values.map((type) => (type as ts.StringLiteralType | ts.NumberLiteralType).value)
		: null;
	return {
		insertOptional,
		optionalProperty: property.questionToken !== undefined,
		nullable: all.length > values.length,
		kinds,
		literals,
		written: property.type!.getText()
	};
}

function members(type: ts.Type): ts.Type[] {
	return type.isUnion() ? type.types : [type];
}

function isUndefined(type: ts.Type): boolean {
	return (type.flags & ts.TypeFlags.Undefined) !== 0;
}

function kindOf(type: ts.Type): Kind | 'other' {
	if (type.flags & ts.TypeFlags.StringLike) return 'text';
	if (type.flags & ts.TypeFlags.NumberLike) return 'number';
	if (type.getSymbol()?.name === 'Uint8Array') return 'blob';
	return 'other';
}

/** What a declared column type holds, by SQLite's affinity rules (datatype3.html, 3.1). */
function kindOfDeclared(declared: string): Kind {
	const type = declared.toUpperCase();
	if (type.includes('INT')) return 'number';
	if (/CHAR|CLOB|TEXT/.test(type)) return 'text';
	if (type.includes('BLOB') || type === '') return 'blob';
	return 'number';
}

/** The values each `check (column in (...))` constraint in a table's definition allows. */
function checkedValues(createSql: string): Map<string, (string | number)[]> {
	const checks = new Map<string, (string | number)[]>();
	for (const [, column, list] of createSql.matchAll(
		/check\s*\(\s*"?(\w+)"?\s+in\s*\(([^)]*)\)\s*\)/gi
	))
		checks.set(
			column!,
			list!.split(',').map((value) => {
				const text = value.trim();
				return text.startsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : Number(text);
			})
		);
	return checks;
}

let database: OpenDatabase;
let schema: Map<string, Map<string, SchemaColumn>>;
/** Each of the database's own tables: its columns and its CREATE TABLE statement. */
const tables = new Map<string, { columns: DatabaseColumn[]; sql: string }>();
let triggers: string[];

beforeAll(async () => {
	database = await freshDatabase();
	const rows = database.sqlite
		.prepare("select name, sql from sqlite_master where type = 'table' order by name")
		.all() as { name: string; sql: string }[];
	for (const { name, sql } of rows.filter(({ name }) => !NOT_APP_TABLES.test(name)))
		tables.set(name, {
			columns: database.sqlite
				.prepare('select * from pragma_table_xinfo(?)')
				.all(name) as DatabaseColumn[],
			sql
		});
	triggers = (
		database.sqlite.prepare("select sql from sqlite_master where type = 'trigger'").all() as {
			sql: string;
		}[]
	).map(({ sql }) => sql);
	schema = readSchema(SCHEMA_FILE);
});
afterAll(() => database.close());

/** Every column in both, with what each side says of it. */
function eachColumn(
	check: (table: string, column: DatabaseColumn, typed: SchemaColumn, sql: string) => string | null
): string[] {
	const problems: string[] = [];
	for (const [table, { columns, sql }] of tables) {
		for (const column of columns) {
			const typed = schema.get(table)?.get(column.name);
			if (!typed) continue;
			const problem = check(table, column, typed, sql);
			if (problem) problems.push(`${table}.${column.name}: ${problem}`);
		}
	}
	return problems;
}

/** Can the column hold NULL, by the rules above? */
function canBeNull(table: string, column: DatabaseColumn): boolean {
	if (column.notnull === 1 || column.pk > 0) return false;
	return !NOT_NULL_BY_TRIGGER.some((kept) => kept.table === table && kept.column === column.name);
}

/** Does the database supply a value for a column an insert leaves out? */
function suppliedByDatabase(table: string, column: DatabaseColumn): boolean {
	const key = tables.get(table)!.columns.filter((c) => c.pk > 0);
	const rowid = key.length === 1 && key[0] === column && column.type.toUpperCase() === 'INTEGER';
	return column.dflt_value !== null || rowid || canBeNull(table, column);
}

describe('schema.ts and the migrated database', () => {
	it('read something: the database has tables and schema.ts has them typed', () => {
		expect(tables.size).toBeGreaterThan(30);
		expect(schema.size).toBeGreaterThan(30);
		expect(schema.get('user')?.get('email')).toMatchObject({
			nullable: false,
			kinds: new Set(['text'])
		});
	});

	it('have the same tables', () => {
		expect([...schema.keys()].sort()).toEqual([...tables.keys()].sort());
	});

	it('have the same columns in each table', () => {
		const problems: string[] = [];
		for (const [table, { columns }] of tables) {
			const typed = schema.get(table);
			if (!typed) continue;
			const inDatabase = columns.map((column) => column.name);
			for (const name of inDatabase)
				if (!typed.has(name))
					problems.push(`${table}.${name} is in the database, not in schema.ts`);
			for (const name of typed.keys())
				if (!inDatabase.includes(name))
					problems.push(`${table}.${name} is in schema.ts, not in the database`);
		}
		expect(problems).toEqual([]);
	});

	it('agree on which columns can be null', () => {
		expect(
			eachColumn((table, column, typed) => {
				const nullable = canBeNull(table, column);
				if (nullable === typed.nullable) return null;
				return nullable
					? `the database allows NULL, the type ${typed.written} does not`
					: `the database refuses NULL, the type ${typed.written} allows it`;
			})
		).toEqual([]);
	});

	it('let an insert leave a column out only where the database supplies its value', () => {
		expect(
			eachColumn((table, column, typed) => {
				if (typed.optionalProperty) return 'is an optional property (`?`): use Generated<> instead';
				if (typed.insertOptional && !suppliedByDatabase(table, column))
					return `NOT NULL with no default, so every insert must give it, but the type ${typed.written} lets one leave it out`;
				return null;
			})
		).toEqual([]);
	});

	it('agree on what kind of value each column holds', () => {
		expect(
			eachColumn((_table, column, typed) => {
				const kind = kindOfDeclared(column.type);
				const kinds = [...typed.kinds];
				if (kinds.length === 1 && kinds[0] === kind) return null;
				return `declared ${column.type || 'with no type'} (${kind}), typed ${typed.written} (${kinds.join(', ')})`;
			})
		).toEqual([]);
	});

	it("agree on the values a column's check constraint allows", () => {
		expect(
			eachColumn((_table, column, typed, sql) => {
				const allowed = checkedValues(sql).get(column.name);
				if (!allowed || kindOfDeclared(column.type) !== 'text') return null;
				const sorted = (values: (string | number)[]) => [...values].map(String).sort();
				if (typed.literals && sorted(typed.literals).join('|') === sorted(allowed).join('|'))
					return null;
				return `the check allows ${sorted(allowed).join(', ')}; the type ${typed.written} allows ${typed.literals ? sorted(typed.literals).join(', ') : 'any value'}`;
			})
		).toEqual([]);
	});

	it('find the triggers that keep the columns listed as NOT NULL in all but name', () => {
		for (const { table, column, triggers: kept } of NOT_NULL_BY_TRIGGER) {
			expect(tables.get(table)?.columns.some((c) => c.name === column)).toBe(true);
			for (const trigger of kept)
				expect(
					triggers.some((sql) => trigger.test(sql)),
					`${table}.${column}: ${trigger}`
				).toBe(true);
		}
	});
});
