/** fr-FR / en display formatting shared by main, renderer and server (dates: ../validation/dates). */
export * from './money';
