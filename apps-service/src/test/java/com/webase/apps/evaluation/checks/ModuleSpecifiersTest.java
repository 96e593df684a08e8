package com.webase.apps.evaluation.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleSpecifiersTest {

  private static List<String> specifiers(String source) {
    return ModuleSpecifiers.in(source).stream().map(WrittenReference::value).toList();
  }

  @Test
  void offsetPointsAtTheSpecifiersFirstCharacter() {
    String source = "const a = 1;\nimport x from './x.js';";

    WrittenReference found = ModuleSpecifiers.in(source).getFirst();

    assertThat(source.substring(found.offset())).startsWith("./x.js'");
  }

  @Test
  void importsInCommentsAndStringsAreNotImports() {
    String source =
        """
        // import a from './a.js';
        /* import b from './b.js'; */
        const s = "import c from './c.js'";
        const t = 'export * from "./d.js"';
        import real from './real.js';
        """;

    assertThat(specifiers(source)).containsExactly("./real.js");
  }

  @Test
  void quoteInsideARegularExpressionDoesNotHideTheNextImport() {
    String source =
        """
        const quote = /['"]/g;
        const half = total / 2; const other = 3 / 4;
        import next from './next.js';
        """;

    assertThat(specifiers(source)).containsExactly("./next.js");
  }

  @Test
  void templateLiteralWithSubstitutionsIsReadWhole() {
    String source =
        """
        const html = `<p>${items.map(i => `<li>${i}</li>`).join('')}</p> import x from './no.js'`;
        import after from './after.js';
        """;

    assertThat(specifiers(source)).containsExactly("./after.js");
  }

  @Test
  void importMetaAndMethodsNamedImportAreNotImports() {
    String source =
        """
        const here = new URL('./here.png', import.meta.url);
        loader.import('./plugin.js');
        const config = { import: './config.js' };
        """;

    assertThat(specifiers(source)).isEmpty();
  }

  @Test
  void exportWithoutFromLoadsNothing() {
    String source =
        """
        export { a, b };
        export const from = './not-a-module.js';
        export default function main() {}
        import './side-effect.js';
        """;

    assertThat(specifiers(source)).containsExactly("./side-effect.js");
  }

  @Test
  void bindingNamedFromIsNotTheFromKeyword() {
    String source = "import { from } from './a.js';\nimport from2, * as from from './b.js';";

    assertThat(specifiers(source)).containsExactly("./a.js", "./b.js");
  }

  @Test
  void multiLineImportClauseIsFollowedToItsSource() {
    String source = "import {\n  one,\n  two as three,\n} from\n  './many.js';";

    assertThat(specifiers(source)).containsExactly("./many.js");
  }

  @Test
  void escapesInSpecifiersAreDecoded() {
    assertThat(specifiers("import './caf\\u00e9.js';")).containsExactly("./café.js");
  }

  @Test
  void dynamicImportNeedsALiteralArgument() {
    String source =
        "await import('./a.js');\nawait import(name);\nawait import('./b' + ext);\n"
            + "await import(`./c.js`);";

    assertThat(specifiers(source)).containsExactly("./a.js", "./c.js");
  }

  @Test
  void onlyRelativeAndRootSpecifiersAreNotBare() {
    assertThat(ModuleSpecifiers.isBare("./a.js")).isFalse();
    assertThat(ModuleSpecifiers.isBare("../a.js")).isFalse();
    assertThat(ModuleSpecifiers.isBare("/a.js")).isFalse();
    assertThat(ModuleSpecifiers.isBare("https://esm.sh/react")).isFalse();
    assertThat(ModuleSpecifiers.isBare("react")).isTrue();
    assertThat(ModuleSpecifiers.isBare("lib/util.js")).isTrue();
    assertThat(ModuleSpecifiers.isBare("@scope/pkg")).isTrue();
  }
}
