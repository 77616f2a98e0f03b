import { businessCommands } from "./business-commands";
import type { Command } from "./command-kit";
import { invoiceCommands } from "./invoice-commands";

/** Every API command, by the words that name it on the command line. */
export const commands: Record<string, Command> = { ...businessCommands, ...invoiceCommands };
