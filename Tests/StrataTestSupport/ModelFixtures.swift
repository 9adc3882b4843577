/// Model files used by more than one test target.
public enum ModelFixtures {
    /// A model whose table `language` shares a word with every `LANGUAGE` clause, whose column
    /// defaults call functions, one of which calls another declared after it, and whose function
    /// takes a table's row type: compiled models must order it by what each object uses.
    public static let languageCatalog = """
        functions:
          next_language_code: |
            CREATE FUNCTION next_language_code() RETURNS integer LANGUAGE plpgsql AS $$
            BEGIN RETURN (SELECT coalesce(max(code), 0) + 1 FROM language); END $$
          film_title: |
            CREATE FUNCTION film_title(f film) RETURNS text LANGUAGE sql AS 'SELECT f.title'
          default_title: |
            CREATE FUNCTION default_title() RETURNS text LANGUAGE sql AS 'SELECT title_prefix() || ''untitled'''
          title_prefix: |
            CREATE FUNCTION title_prefix() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'the '; END
        tables:
          language:
            columns:
              code: { type: integer, primary_key: true, default_sql: next_language_code() }
              name: text
          film:
            columns:
              title: { type: text, default_sql: default_title() }
              language_code: { type: integer, nullable: true, references: language }
        views:
          film_titles:
            query: SELECT film_title(f) AS title FROM film f
        """
}
