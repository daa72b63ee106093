import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { envMagic } from "./env.magic";

afterAll(closeSharedEngine);

const NAME = "CONCLAB_ENV_MAGIC_TEST";
afterEach(() => {
  delete process.env[NAME];
  delete process.env.CONCLAB_TEST_API_TOKEN;
});

test("%env NAME=value and %env NAME value set the kernel's environment and say so; %env NAME gives it back", async () => {
  const ctx = fakeMagicContext();
  await expect(envMagic.run(`${NAME}=a b`, ctx)).resolves.toBeUndefined();
  expect(process.env[NAME]).toBe("a b");
  await envMagic.run(`${NAME} c=d`, ctx);
  expect(process.env[NAME]).toBe("c=d");
  expect(ctx.stdoutText).toEqual([`env: ${NAME}=a b\n`, `env: ${NAME}=c=d\n`]);
  await expect(envMagic.run(NAME, ctx)).resolves.toBe("c=d");
});

test("%env lists every variable, sorted, hiding the values of names that look like secrets", async () => {
  process.env[NAME] = "shown";
  process.env.CONCLAB_TEST_API_TOKEN = "hunter2";
  const listed = (await envMagic.run("", fakeMagicContext())) as Record<string, string>;
  expect(listed[NAME]).toBe("shown");
  expect(listed.CONCLAB_TEST_API_TOKEN).toBe("<hidden>");
  expect(Object.keys(listed)).toEqual(Object.keys(process.env).sort());
});

test("a variable that is not set, or a name that cannot be one, is a usage error saying what to write", async () => {
  await expect(envMagic.run(`${NAME}_NOT_SET`, fakeMagicContext())).rejects.toThrow(`%env: there is no environment variable ${NAME}_NOT_SET (%env lists them; %env ${NAME}_NOT_SET=value sets it)`);
  await expect(envMagic.run("1X=2", fakeMagicContext())).rejects.toThrow('%env: "1X" is not a variable name');
});
