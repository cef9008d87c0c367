import { app } from "./app";
import { closeOnSignal } from "./lifecycle";

const server = app.listen(Number(process.env.PORT ?? 3100));
closeOnSignal(server);
